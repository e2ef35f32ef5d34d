// Web chat for the hotel agent: POST /v1/conversations once for a server-issued conversation id, then
// POST /v1/conversations/{id}/messages for each guest message, and a poll of
// GET /v1/conversations/{id}/messages every 2 s for what staff send while a person handles the conversation.
// GET /v1/hotel gives the hotel's name. The greeting is kept in the transcript like any message, so it shows once per
// conversation (not again on reload); every label is in one language (the guest's choice, else the browser's).
(function () {
  'use strict';

  // On a host with several hotels, /?property=lisbon chats with that one (its own conversation and transcript).
  var PROPERTY = new URLSearchParams(window.location.search).get('property') || '';
  var SCOPE = PROPERTY ? '?property=' + encodeURIComponent(PROPERTY) : '';
  var STORAGE_ID = 'hotelagent.conversationId' + (PROPERTY ? '.' + PROPERTY : '');
  var STORAGE_LOG = 'hotelagent.transcript' + (PROPERTY ? '.' + PROPERTY : '');
  var STORAGE_LANG = 'hotelagent.language';
  var STORAGE_HOTEL = 'hotelagent.hotelName';
  var POLL_MS = 2000;
  var MAX_KEPT = 200;

  var ui = {
    es: { title: 'Recepción', language: 'Idioma', auto: 'Automático', newConversation: 'Nueva conversación', placeholder: 'Escriba su mensaje…', label: 'Su mensaje', send: 'Enviar', you: 'Usted', agent: 'Recepción', staff: 'Personal', map: 'Ver en el mapa', sending: 'Enviando…', error: 'No se pudo enviar el mensaje. Inténtelo de nuevo.', log: 'Conversación', welcome: '¡Hola! Pregúnteme por disponibilidad, precios o el hotel, o haga una reserva.', welcomeAt: '¡Hola! Bienvenido a {0}. Pregúnteme por disponibilidad, precios o el hotel, o haga una reserva.' },
    en: { title: 'Reception', language: 'Language', auto: 'Automatic', newConversation: 'New conversation', placeholder: 'Type your message…', label: 'Your message', send: 'Send', you: 'You', agent: 'Reception', staff: 'Staff', map: 'View on the map', sending: 'Sending…', error: 'The message could not be sent. Please try again.', log: 'Conversation', welcome: 'Hello! Ask me about availability, prices or the hotel, or make a booking.', welcomeAt: 'Hello! Welcome to {0}. Ask me about availability, prices or the hotel, or make a booking.' },
    pt: { title: 'Receção', language: 'Idioma', auto: 'Automático', newConversation: 'Nova conversa', placeholder: 'Escreva a sua mensagem…', label: 'A sua mensagem', send: 'Enviar', you: 'Você', agent: 'Receção', staff: 'Equipa', map: 'Ver no mapa', sending: 'A enviar…', error: 'Não foi possível enviar a mensagem. Tente novamente.', log: 'Conversa', welcome: 'Olá! Pergunte-me sobre disponibilidade, preços ou o hotel, ou faça uma reserva.', welcomeAt: 'Olá! Bem-vindo ao {0}. Pergunte-me sobre disponibilidade, preços ou o hotel, ou faça uma reserva.' }
  };

  var log = document.getElementById('log');
  var form = document.getElementById('composer');
  var input = document.getElementById('text');
  var sendButton = document.getElementById('send');
  var status = document.getElementById('status');
  var languageSelect = document.getElementById('language');
  var uiLanguage = pickInitialLanguage();
  var hotelName = localStorage.getItem(STORAGE_HOTEL) || '';
  var busy = false;

  // The messages from this index on keep their quick-reply buttons: the agent's latest answer (else the last message).
  var liveFrom = -1;

  function pickInitialLanguage() {
    var saved = localStorage.getItem(STORAGE_LANG);
    if (saved && ui[saved]) { return saved; }
    var wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'es'];
    for (var i = 0; i < wanted.length; i++) {
      var code = String(wanted[i]).slice(0, 2).toLowerCase();
      if (ui[code]) { return code; }
    }
    return 'es';
  }

  // The server issues the conversation id (POST v1/conversations): an unguessable token that only this browser holds.
  var pendingId = null;

  function conversationId() {
    var id = localStorage.getItem(STORAGE_ID);
    if (id && id.indexOf('wc_') === 0) { return Promise.resolve(id); }
    if (!pendingId) {
      pendingId = fetch('v1/conversations', { method: 'POST', headers: { 'Accept': 'application/json' } })
        .then(function (response) {
          if (!response.ok) { throw new Error('HTTP ' + response.status); }
          return response.json();
        })
        .then(function (created) {
          localStorage.setItem(STORAGE_ID, created.conversationId);
          return created.conversationId;
        })
        .finally(function () { pendingId = null; });
    }
    return pendingId;
  }

  function applyLanguage(language) {
    if (!ui[language]) { return; }
    uiLanguage = language;
    localStorage.setItem(STORAGE_LANG, language);
    var t = ui[language];
    document.documentElement.lang = language;
    document.getElementById('title').textContent = hotelName || t.title;
    document.getElementById('subtitle').textContent = hotelName ? t.title : '';
    document.title = hotelName ? hotelName + ' · ' + t.title : t.title;
    document.getElementById('language-label').textContent = t.language;
    languageSelect.options[0].textContent = t.auto;
    document.getElementById('new-conversation').textContent = t.newConversation;
    document.getElementById('text-label').textContent = t.label;
    input.placeholder = t.placeholder;
    sendButton.textContent = t.send;
    log.setAttribute('aria-label', t.log);
    if (status.textContent) { status.textContent = busy ? t.sending : t.error; }
    renderAll();
  }

  function loadTranscript() {
    try { return JSON.parse(localStorage.getItem(STORAGE_LOG) || '[]'); } catch (e) { return []; }
  }

  function keep(entry) {
    var entries = loadTranscript();
    entries.push(entry);
    localStorage.setItem(STORAGE_LOG, JSON.stringify(entries.slice(-MAX_KEPT)));
  }

  function clearQuickReplies() {
    var groups = log.querySelectorAll('.quick-replies');
    for (var i = 0; i < groups.length; i++) { groups[i].remove(); }
  }

  // Every message again, so that its labels ("You", "Reception") and the greeting are in the language now chosen.
  function renderAll() {
    var entries = loadTranscript();
    log.textContent = '';
    var from = liveFrom >= 0 && liveFrom < entries.length ? liveFrom : entries.length - 1;
    entries.forEach(function (entry, index) { render(entry, index >= from); });
  }

  function textOf(entry) {
    if (!entry.greeting) { return entry.text; }
    return hotelName ? ui[uiLanguage].welcomeAt.replace('{0}', hotelName) : ui[uiLanguage].welcome;
  }

  // from: 'guest' | 'agent' | 'staff'
  function render(entry, live) {
    var item = document.createElement('li');
    item.className = 'message from-' + entry.from + (entry.greeting ? ' greeting' : '');
    var who = document.createElement('span');
    who.className = 'who';
    who.textContent = entry.from === 'guest' ? ui[uiLanguage].you : entry.from === 'staff' ? ui[uiLanguage].staff : ui[uiLanguage].agent;
    var text = document.createElement('p');
    text.className = 'text';
    text.textContent = textOf(entry);
    item.appendChild(who);
    item.appendChild(text);

    if (entry.location) {
      var link = document.createElement('a');
      var lat = entry.location.latitude, lon = entry.location.longitude;
      link.href = 'https://www.openstreetmap.org/?mlat=' + encodeURIComponent(lat) + '&mlon=' + encodeURIComponent(lon) + '#map=17/' + lat + '/' + lon;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      link.className = 'location';
      link.textContent = '📍 ' + (entry.location.name || ui[uiLanguage].map) + (entry.location.address ? ' · ' + entry.location.address : '');
      item.appendChild(link);
    }

    if (entry.media && entry.media.length) {
      var gallery = document.createElement('div');
      gallery.className = 'media';
      entry.media.forEach(function (media) {
        if (typeof media.url !== 'string' || /^\s*javascript:/i.test(media.url)) { return; }
        if (media.kind === 'image') {
          var figure = document.createElement('figure');
          var image = document.createElement('img');
          image.src = media.url;
          image.alt = media.caption || '';
          image.loading = 'lazy';
          figure.appendChild(image);
          if (media.caption) {
            var caption = document.createElement('figcaption');
            caption.textContent = media.caption;
            figure.appendChild(caption);
          }
          gallery.appendChild(figure);
        } else if (media.kind === 'audio') {
          var audio = document.createElement('audio');
          audio.controls = true;
          audio.preload = 'none';
          audio.src = media.url;
          gallery.appendChild(audio);
        } else {
          var file = document.createElement('a');
          file.href = media.url;
          file.target = '_blank';
          file.rel = 'noopener noreferrer';
          file.className = 'document';
          file.textContent = '📄 ' + (media.caption || media.fileName || media.url);
          gallery.appendChild(file);
        }
      });
      item.appendChild(gallery);
    }

    if (live && entry.quickReplies && entry.quickReplies.length) {
      var group = document.createElement('div');
      group.className = 'quick-replies';
      group.setAttribute('role', 'group');
      entry.quickReplies.forEach(function (label) {
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'quick-reply';
        button.textContent = label;
        button.addEventListener('click', function () { send(label); });
        group.appendChild(button);
      });
      item.appendChild(group);
    }

    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
  }

  function add(entry) {
    keep(entry);
    render(entry, true);
  }

  function setBusy(value) {
    busy = value;
    sendButton.disabled = value;
    status.textContent = value ? ui[uiLanguage].sending : '';
  }

  function send(text) {
    text = (text || '').trim();
    if (!text || busy) { return; }
    clearQuickReplies();
    add({ from: 'guest', text: text });
    setBusy(true);
    var body = { text: text };
    if (languageSelect.value) { body.language = languageSelect.value; }
    conversationId().then(function (id) {
      return fetch('v1/conversations/' + encodeURIComponent(id) + '/messages' + SCOPE, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
        body: JSON.stringify(body)
      });
    }).then(function (response) {
      if (!response.ok) { throw new Error('HTTP ' + response.status); }
      return response.json();
    }).then(function (answer) {
      setBusy(false);
      liveFrom = Math.min(loadTranscript().length, MAX_KEPT - (answer.replies || []).length);
      (answer.replies || []).forEach(function (reply) {
        keep({ from: 'agent', text: reply.text, quickReplies: reply.quickReplies, location: reply.location, media: reply.media });
      });
      // The conversation's language becomes the page's: one language for every label, the replies' included.
      if (answer.language && ui[answer.language] && answer.language !== uiLanguage) {
        applyLanguage(answer.language);
      } else {
        renderAll();
      }
      if (answer.reservationCode) { log.dataset.reservationCode = answer.reservationCode; }
    }).catch(function () {
      setBusy(false);
      status.textContent = ui[uiLanguage].error;
    }).finally(function () { input.focus(); });
  }

  function poll() {
    conversationId()
      .then(function (id) { return fetch('v1/conversations/' + encodeURIComponent(id) + '/messages' + SCOPE, { headers: { 'Accept': 'application/json' } }); })
      .then(function (response) { return response.ok ? response.json() : { replies: [] }; })
      .then(function (pending) {
        (pending.replies || []).forEach(function (reply) {
          add({ from: 'staff', text: reply.text, quickReplies: reply.quickReplies, location: reply.location, media: reply.media });
        });
      })
      .catch(function () { /* the next poll tries again */ })
      .finally(function () { setTimeout(poll, POLL_MS); });
  }

  function restart() {
    localStorage.removeItem(STORAGE_LOG);
    localStorage.removeItem(STORAGE_ID);
    liveFrom = -1;
    log.textContent = '';
    greet();
    input.focus();
  }

  // Once per conversation: kept in the transcript, so a reload shows it where it was instead of greeting again.
  function greet() {
    if (loadTranscript().length === 0) {
      add({ from: 'agent', greeting: true });
    }
  }

  function loadHotel() {
    fetch('v1/hotel', { headers: { 'Accept': 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (profile) {
        if (profile && profile.name && profile.name !== hotelName) {
          hotelName = profile.name;
          localStorage.setItem(STORAGE_HOTEL, hotelName);
          applyLanguage(uiLanguage);
        }
      })
      .catch(function () { /* the page keeps its generic title */ });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = input.value;
    input.value = '';
    send(text);
  });
  document.getElementById('new-conversation').addEventListener('click', restart);
  languageSelect.addEventListener('change', function () {
    localStorage.setItem(STORAGE_LANG + '.choice', languageSelect.value);
    if (languageSelect.value) { applyLanguage(languageSelect.value); }
  });

  var savedChoice = localStorage.getItem(STORAGE_LANG + '.choice');
  if (savedChoice) { languageSelect.value = savedChoice; }

  greet();
  applyLanguage(uiLanguage);
  loadHotel();
  poll();
  input.focus();
})();
