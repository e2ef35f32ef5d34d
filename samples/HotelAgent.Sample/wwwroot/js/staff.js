// Staff console: asks for the admin key once (kept in session storage) and calls the admin endpoints with it
// (X-Api-Key): GET /v1/stats, the conversations under /v1/conversations, the handoff queue under /v1/handoffs,
// GET /v1/reservations and the dead letters under /v1/dead-letters. GET /v1/hotel gives the hotel's name, time zone
// and room names: every time shown is the hotel's local time. The staff's language (es, en, pt) is chosen in the
// top bar, else taken from the browser's languages, and remembered in this browser.
(function () {
  'use strict';

  var KEY = 'hotelagent.adminKey';
  // On a host with several hotels, /staff?property=lisbon is that hotel's console (its queue, numbers, bookings).
  var PROPERTY = new URLSearchParams(window.location.search).get('property') || '';
  var NAME = 'hotelagent.staffName';
  var LANGUAGE = 'hotelagent.staffLanguage';
  var REFRESH_MS = 3000;
  var SVG = 'http://www.w3.org/2000/svg';
  var LOCALES = { es: 'es-ES', en: 'en-GB', pt: 'pt-PT' };

  var texts = {
    en: {
      title: 'Staff console', language: 'Language', yourName: 'Your name', namePlaceholder: 'e.g. Marta', signOut: 'Forget key',
      loginTitle: 'Admin key', loginNote: 'Every call of this console sends the admin API key. It is kept in this tab only.',
      adminKey: 'Admin API key', openConsole: 'Open console', refused: 'The admin key was refused.', unreachable: 'The console could not reach the host: {0}',
      overview: 'Overview', statLive: 'Messages answered in the last 30 minutes', statAutomation: 'Answered without staff, last 24 hours',
      statOpen: 'Guests waiting for staff', statTaken: 'Guests being helped by staff', statBookings: 'Bookings made by the agent',
      overviewNote: 'Times are the hotel\'s local time ({0}). Counted since the host started.',
      conversations: 'Conversations', conversationsEmpty: 'No conversations yet.', conversationsCaption: 'Conversations, most recent first',
      conversationsNote: 'Conversations of the last {0}. Their messages are kept for {0} after the guest\'s last message; email addresses, phone numbers and the guest\'s name are hidden (***).',
      colLastMessage: 'Last message', colChannel: 'Channel', colGuestLanguage: 'Guest\'s language', colWhere: 'Where it stands', colAnswered: 'Messages answered', colOpen: 'Open',
      read: 'Read', close: 'Close', conversationWith: 'Conversation on {0}, started {1}', conversationEmpty: 'No messages kept for this conversation.',
      guest: 'Guest', agent: 'Agent', staff: 'Staff', withStaff: 'with staff',
      chartMessages: 'Guest messages per hour (last 24 hours)', chartAutomation: 'Answered without staff', chartBookings: 'Bookings per day (last 14 days)',
      messagesPerHour: 'Guest messages per hour', bookingsPerDay: 'Bookings per day',
      noTurns: 'No messages in the last 24 hours.', automationCaption: '{0} answered, {1} passed to staff: {2} % without staff',
      handoffs: 'Guests who asked for staff', show: 'Show', filterActive: 'Waiting and being helped', filterOpen: 'Waiting', filterTaken: 'Being helped', filterClosed: 'Finished', filterAll: 'All',
      handoffsEmpty: 'Nobody is waiting for staff.', take: 'Take', release: 'Release to the agent', replyLabel: 'Reply to the guest', replyPlaceholder: 'Reply to the guest…', sendReply: 'Send reply',
      typeName: 'Type your name at the top first: guests see it with your replies.', messages: 'Messages', takenBy: 'by {0}',
      statusOpen: 'waiting', statusTaken: 'being helped', statusClosed: 'finished',
      reservations: 'Reservations', refresh: 'Refresh', reservationsCaption: 'Reservations, newest first',
      colCode: 'Code', colGuest: 'Guest', colRoom: 'Room', colStay: 'Stay', colParty: 'Guests', colTotal: 'Total', colStatus: 'Status',
      deadLetters: 'Messages that failed', deadLettersNote: 'Guest messages the agent could not handle and replies that could not be delivered, after every attempt. Replay tries again; discard removes one for good.',
      deadLettersEmpty: 'No failed messages.', deadLettersCaption: 'Failed messages, oldest first', replay: 'Replay', discard: 'Discard',
      colFailedAt: 'Failed at', colQueue: 'Queue', colDirection: 'Direction', colConversation: 'Conversation', colContent: 'Content', colReason: 'Reason', colAttempts: 'Attempts', colActions: 'Actions',
      adults: ['{0} adult', '{0} adults'], children: ['{0} child', '{0} children'], hours: ['{0} hour', '{0} hours'], days: ['{0} day', '{0} days'],
      reasons: { GuestRequest: 'Asked for a person', Complaint: 'Complaint', LateCheckout: 'Late checkout', AfterHours: 'Wrote after hours', NotUnderstood: 'The agent did not understand' },
      reservationStatus: { Confirmed: 'Confirmed', Cancelled: 'Cancelled', CheckedIn: 'Checked in', CheckedOut: 'Checked out' },
      channels: { webchat: 'Web chat', whatsapp: 'WhatsApp', email: 'Email' },
      languages: { es: 'Spanish', en: 'English', pt: 'Portuguese' },
      states: {
        idle: 'Talking with the agent', collecting_booking: 'Making a booking', awaiting_guest_name: 'Booking: asked for the guest\'s name',
        awaiting_guest_email: 'Booking: asked for the email', awaiting_child_ages: 'Booking: asked for the children\'s ages', awaiting_guest_phone: 'Booking: asked for the phone', awaiting_confirmation: 'Booking: waiting for the guest to confirm', booked: 'Booked',
        awaiting_booking_code: 'Asked for the booking code', awaiting_verification_email: 'Checking who owns a booking',
        collecting_modification: 'Changing a booking', awaiting_modification_child_ages: 'Change: asked for the children\'s ages', awaiting_modification_confirmation: 'Change: waiting for the guest to confirm',
        awaiting_cancellation_confirmation: 'Cancellation: waiting for the guest to confirm', offering_handoff: 'Offered to pass to staff', handed_off: 'With staff'
      }
    },
    es: {
      title: 'Consola del personal', language: 'Idioma', yourName: 'Su nombre', namePlaceholder: 'p. ej. Marta', signOut: 'Olvidar la clave',
      loginTitle: 'Clave de administración', loginNote: 'Cada llamada de esta consola envía la clave de administración. Solo se guarda en esta pestaña.',
      adminKey: 'Clave de administración', openConsole: 'Abrir la consola', refused: 'La clave de administración no es válida.', unreachable: 'La consola no pudo conectar con el servidor: {0}',
      overview: 'Resumen', statLive: 'Mensajes respondidos en los últimos 30 minutos', statAutomation: 'Respondidos sin el personal, últimas 24 horas',
      statOpen: 'Huéspedes esperando al personal', statTaken: 'Huéspedes atendidos por el personal', statBookings: 'Reservas hechas por el agente',
      overviewNote: 'Las horas son las del hotel ({0}). Contado desde que arrancó el servidor.',
      conversations: 'Conversaciones', conversationsEmpty: 'Aún no hay conversaciones.', conversationsCaption: 'Conversaciones, la más reciente primero',
      conversationsNote: 'Conversaciones de los últimos {0}. Sus mensajes se guardan {0} desde el último mensaje del huésped; los correos, teléfonos y el nombre del huésped se ocultan (***).',
      colLastMessage: 'Último mensaje', colChannel: 'Canal', colGuestLanguage: 'Idioma del huésped', colWhere: 'En qué punto está', colAnswered: 'Mensajes respondidos', colOpen: 'Abrir',
      read: 'Leer', close: 'Cerrar', conversationWith: 'Conversación por {0}, iniciada el {1}', conversationEmpty: 'No hay mensajes guardados de esta conversación.',
      guest: 'Huésped', agent: 'Agente', staff: 'Personal', withStaff: 'con el personal',
      chartMessages: 'Mensajes de huéspedes por hora (últimas 24 horas)', chartAutomation: 'Respondidos sin el personal', chartBookings: 'Reservas por día (últimos 14 días)',
      messagesPerHour: 'Mensajes de huéspedes por hora', bookingsPerDay: 'Reservas por día',
      noTurns: 'Ningún mensaje en las últimas 24 horas.', automationCaption: '{0} respondidos, {1} pasados al personal: {2} % sin el personal',
      handoffs: 'Huéspedes que pidieron al personal', show: 'Mostrar', filterActive: 'Esperando y en atención', filterOpen: 'Esperando', filterTaken: 'En atención', filterClosed: 'Terminados', filterAll: 'Todos',
      handoffsEmpty: 'Nadie espera al personal.', take: 'Atender', release: 'Devolver al agente', replyLabel: 'Responder al huésped', replyPlaceholder: 'Responder al huésped…', sendReply: 'Enviar respuesta',
      typeName: 'Escriba primero su nombre arriba: el huésped lo ve con sus respuestas.', messages: 'Mensajes', takenBy: 'por {0}',
      statusOpen: 'esperando', statusTaken: 'en atención', statusClosed: 'terminado',
      reservations: 'Reservas', refresh: 'Actualizar', reservationsCaption: 'Reservas, la más nueva primero',
      colCode: 'Código', colGuest: 'Huésped', colRoom: 'Habitación', colStay: 'Estancia', colParty: 'Personas', colTotal: 'Total', colStatus: 'Estado',
      deadLetters: 'Mensajes fallidos', deadLettersNote: 'Mensajes de huéspedes que el agente no pudo atender y respuestas que no se pudieron entregar, tras todos los intentos. «Reintentar» lo intenta de nuevo; «Descartar» lo borra para siempre.',
      deadLettersEmpty: 'No hay mensajes fallidos.', deadLettersCaption: 'Mensajes fallidos, el más antiguo primero', replay: 'Reintentar', discard: 'Descartar',
      colFailedAt: 'Falló el', colQueue: 'Cola', colDirection: 'Sentido', colConversation: 'Conversación', colContent: 'Contenido', colReason: 'Motivo', colAttempts: 'Intentos', colActions: 'Acciones',
      adults: ['{0} adulto', '{0} adultos'], children: ['{0} niño', '{0} niños'], hours: ['{0} hora', '{0} horas'], days: ['{0} día', '{0} días'],
      reasons: { GuestRequest: 'Pidió hablar con una persona', Complaint: 'Queja', LateCheckout: 'Salida tardía', AfterHours: 'Escribió fuera de horario', NotUnderstood: 'El agente no le entendió' },
      reservationStatus: { Confirmed: 'Confirmada', Cancelled: 'Cancelada', CheckedIn: 'En curso', CheckedOut: 'Finalizada' },
      channels: { webchat: 'Chat web', whatsapp: 'WhatsApp', email: 'Correo' },
      languages: { es: 'Español', en: 'Inglés', pt: 'Portugués' },
      states: {
        idle: 'Hablando con el agente', collecting_booking: 'Haciendo una reserva', awaiting_guest_name: 'Reserva: se le pidió el nombre',
        awaiting_guest_email: 'Reserva: se le pidió el correo', awaiting_child_ages: 'Reserva: se le pidió la edad de los niños', awaiting_guest_phone: 'Reserva: se le pidió el teléfono', awaiting_confirmation: 'Reserva: esperando que el huésped confirme', booked: 'Reservó',
        awaiting_booking_code: 'Se le pidió el código de reserva', awaiting_verification_email: 'Comprobando de quién es una reserva',
        collecting_modification: 'Cambiando una reserva', awaiting_modification_child_ages: 'Cambio: se le pidió la edad de los niños', awaiting_modification_confirmation: 'Cambio: esperando que el huésped confirme',
        awaiting_cancellation_confirmation: 'Cancelación: esperando que el huésped confirme', offering_handoff: 'Se le ofreció pasar con el personal', handed_off: 'Con el personal'
      }
    },
    pt: {
      title: 'Consola da equipa', language: 'Idioma', yourName: 'O seu nome', namePlaceholder: 'p. ex. Marta', signOut: 'Esquecer a chave',
      loginTitle: 'Chave de administração', loginNote: 'Cada chamada desta consola envia a chave de administração. Só fica guardada neste separador.',
      adminKey: 'Chave de administração', openConsole: 'Abrir a consola', refused: 'A chave de administração foi recusada.', unreachable: 'A consola não conseguiu ligar ao servidor: {0}',
      overview: 'Resumo', statLive: 'Mensagens respondidas nos últimos 30 minutos', statAutomation: 'Respondidas sem a equipa, últimas 24 horas',
      statOpen: 'Hóspedes à espera da equipa', statTaken: 'Hóspedes atendidos pela equipa', statBookings: 'Reservas feitas pelo agente',
      overviewNote: 'As horas são as do hotel ({0}). Contado desde que o servidor arrancou.',
      conversations: 'Conversas', conversationsEmpty: 'Ainda não há conversas.', conversationsCaption: 'Conversas, a mais recente primeiro',
      conversationsNote: 'Conversas das últimas {0}. As mensagens ficam guardadas {0} após a última mensagem do hóspede; emails, telefones e o nome do hóspede ficam ocultos (***).',
      colLastMessage: 'Última mensagem', colChannel: 'Canal', colGuestLanguage: 'Idioma do hóspede', colWhere: 'Em que ponto está', colAnswered: 'Mensagens respondidas', colOpen: 'Abrir',
      read: 'Ler', close: 'Fechar', conversationWith: 'Conversa por {0}, iniciada a {1}', conversationEmpty: 'Não há mensagens guardadas desta conversa.',
      guest: 'Hóspede', agent: 'Agente', staff: 'Equipa', withStaff: 'com a equipa',
      chartMessages: 'Mensagens de hóspedes por hora (últimas 24 horas)', chartAutomation: 'Respondidas sem a equipa', chartBookings: 'Reservas por dia (últimos 14 dias)',
      messagesPerHour: 'Mensagens de hóspedes por hora', bookingsPerDay: 'Reservas por dia',
      noTurns: 'Nenhuma mensagem nas últimas 24 horas.', automationCaption: '{0} respondidas, {1} passadas à equipa: {2} % sem a equipa',
      handoffs: 'Hóspedes que pediram a equipa', show: 'Mostrar', filterActive: 'À espera e em atendimento', filterOpen: 'À espera', filterTaken: 'Em atendimento', filterClosed: 'Terminados', filterAll: 'Todos',
      handoffsEmpty: 'Ninguém está à espera da equipa.', take: 'Atender', release: 'Devolver ao agente', replyLabel: 'Responder ao hóspede', replyPlaceholder: 'Responder ao hóspede…', sendReply: 'Enviar resposta',
      typeName: 'Escreva primeiro o seu nome em cima: o hóspede vê-o com as suas respostas.', messages: 'Mensagens', takenBy: 'por {0}',
      statusOpen: 'à espera', statusTaken: 'em atendimento', statusClosed: 'terminado',
      reservations: 'Reservas', refresh: 'Atualizar', reservationsCaption: 'Reservas, a mais recente primeiro',
      colCode: 'Código', colGuest: 'Hóspede', colRoom: 'Quarto', colStay: 'Estadia', colParty: 'Pessoas', colTotal: 'Total', colStatus: 'Estado',
      deadLetters: 'Mensagens falhadas', deadLettersNote: 'Mensagens de hóspedes que o agente não conseguiu tratar e respostas que não foi possível entregar, após todas as tentativas. «Repetir» tenta de novo; «Descartar» apaga-a de vez.',
      deadLettersEmpty: 'Não há mensagens falhadas.', deadLettersCaption: 'Mensagens falhadas, a mais antiga primeiro', replay: 'Repetir', discard: 'Descartar',
      colFailedAt: 'Falhou a', colQueue: 'Fila', colDirection: 'Sentido', colConversation: 'Conversa', colContent: 'Conteúdo', colReason: 'Motivo', colAttempts: 'Tentativas', colActions: 'Ações',
      adults: ['{0} adulto', '{0} adultos'], children: ['{0} criança', '{0} crianças'], hours: ['{0} hora', '{0} horas'], days: ['{0} dia', '{0} dias'],
      reasons: { GuestRequest: 'Pediu para falar com uma pessoa', Complaint: 'Reclamação', LateCheckout: 'Saída tardia', AfterHours: 'Escreveu fora de horas', NotUnderstood: 'O agente não o entendeu' },
      reservationStatus: { Confirmed: 'Confirmada', Cancelled: 'Cancelada', CheckedIn: 'Em curso', CheckedOut: 'Concluída' },
      channels: { webchat: 'Chat web', whatsapp: 'WhatsApp', email: 'Email' },
      languages: { es: 'Espanhol', en: 'Inglês', pt: 'Português' },
      states: {
        idle: 'A falar com o agente', collecting_booking: 'A fazer uma reserva', awaiting_guest_name: 'Reserva: pedido o nome',
        awaiting_guest_email: 'Reserva: pedido o email', awaiting_child_ages: 'Reserva: pedida a idade das crianças', awaiting_guest_phone: 'Reserva: pedido o telefone', awaiting_confirmation: 'Reserva: à espera da confirmação do hóspede', booked: 'Reservou',
        awaiting_booking_code: 'Pedido o código da reserva', awaiting_verification_email: 'A verificar de quem é uma reserva',
        collecting_modification: 'A alterar uma reserva', awaiting_modification_child_ages: 'Alteração: pedida a idade das crianças', awaiting_modification_confirmation: 'Alteração: à espera da confirmação do hóspede',
        awaiting_cancellation_confirmation: 'Cancelamento: à espera da confirmação do hóspede', offering_handoff: 'Oferecido passar à equipa', handed_off: 'Com a equipa'
      }
    }
  };

  var el = function (id) { return document.getElementById(id); };
  var timer = null;
  var ticketElements = {};
  var lang = pickLanguage();
  var hotel = { name: '', timeZone: 'UTC', roomTypes: [] };
  var lastStats = null;
  var lastConversations = null;
  var lastReservations = null;
  var lastDeadLetters = null;
  var openConversation = null;

  // ---- Language, words and times ----

  function pickLanguage() {
    var saved = localStorage.getItem(LANGUAGE);
    if (saved && texts[saved]) { return saved; }
    var wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
    for (var i = 0; i < wanted.length; i++) {
      var code = String(wanted[i]).slice(0, 2).toLowerCase();
      if (texts[code]) { return code; }
    }
    return 'en';
  }

  function t(key) {
    var args = Array.prototype.slice.call(arguments, 1);
    var text = texts[lang][key];
    if (text === undefined) { text = texts.en[key]; }
    return String(text).replace(/\{(\d)\}/g, function (_, i) { return args[Number(i)]; });
  }

  // "1 child", "2 children": the singular only for exactly one, in every language.
  function plural(key, count) {
    var forms = texts[lang][key];
    return forms[count === 1 ? 0 : 1].replace('{0}', String(count));
  }

  function party(adults, children) {
    var text = plural('adults', adults);
    return children ? text + ', ' + plural('children', children) : text;
  }

  function duration(seconds) {
    var hours = Math.round(seconds / 3600);
    return hours >= 48 && hours % 24 === 0 ? plural('days', hours / 24) : plural('hours', hours);
  }

  function word(group, value) {
    var names = texts[lang][group] || {};
    return names[value] || names[String(value).toLowerCase()] || String(value);
  }

  function roomName(code) {
    for (var i = 0; i < hotel.roomTypes.length; i++) {
      var room = hotel.roomTypes[i];
      if (room.code.toLowerCase() === String(code).toLowerCase()) {
        return room.name[lang] || room.name.en || room.name[Object.keys(room.name)[0]] || code;
      }
    }
    return code;
  }

  function format(value, options) {
    var settings = { timeZone: hotel.timeZone };
    Object.keys(options).forEach(function (k) { settings[k] = options[k]; });
    try {
      return new Intl.DateTimeFormat(LOCALES[lang], settings).format(new Date(value));
    } catch (e) {
      settings.timeZone = 'UTC';
      return new Intl.DateTimeFormat(LOCALES[lang], settings).format(new Date(value));
    }
  }

  function localTime(value) { return format(value, { hour: '2-digit', minute: '2-digit' }); }

  function localDateTime(value) { return format(value, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }); }

  // A calendar date (yyyy-MM-dd) is a day, not an instant: no time zone applies.
  function calendarDate(iso, options) {
    var parts = String(iso).split('-');
    var settings = { timeZone: 'UTC' };
    Object.keys(options).forEach(function (k) { settings[k] = options[k]; });
    return new Intl.DateTimeFormat(LOCALES[lang], settings).format(new Date(Date.UTC(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2]))));
  }

  function applyLanguage(language) {
    if (!texts[language]) { return; }
    lang = language;
    localStorage.setItem(LANGUAGE, language);
    el('staff-language').value = language;
    document.documentElement.lang = language;
    document.title = t('title') + (hotel.name ? ' · ' + hotel.name : '');
    var nodes = document.querySelectorAll('[data-i18n]');
    for (var i = 0; i < nodes.length; i++) { nodes[i].textContent = t(nodes[i].dataset.i18n); }
    var placeholders = document.querySelectorAll('[data-i18n-placeholder]');
    for (var j = 0; j < placeholders.length; j++) { placeholders[j].placeholder = t(placeholders[j].dataset.i18nPlaceholder); }
    Object.keys(ticketElements).forEach(function (id) { ticketElements[id].remove(); delete ticketElements[id]; });
    rerender();
  }

  function rerender() {
    el('overview-note').textContent = t('overviewNote', hotel.timeZone);
    if (lastStats) { renderStats(lastStats); }
    if (lastConversations) { renderConversations(lastConversations); }
    if (lastReservations) { renderReservations(lastReservations); }
    if (lastDeadLetters) { renderDeadLetters(lastDeadLetters); }
    if (openConversation) { renderHistory(openConversation); }
    if (adminKey() && !el('console').hidden) { loadHandoffs().catch(function () { /* shown on the next refresh */ }); }
    tick();
  }

  function tick() {
    var clock = el('hotel-clock');
    clock.hidden = false;
    clock.textContent = format(Date.now(), { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }) + ' · ' + hotel.timeZone;
  }

  function loadHotel() {
    return fetch('v1/hotel', { headers: { 'Accept': 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (profile) {
        if (profile) {
          hotel = profile;
          el('hotel-name').textContent = '· ' + profile.name;
          rerender();
          document.title = t('title') + ' · ' + profile.name;
        }
      })
      .catch(function () { /* times stay in UTC */ });
  }

  // ---- Calls ----

  function adminKey() { return sessionStorage.getItem(KEY); }

  function api(path, options) {
    options = options || {};
    var headers = { 'Accept': 'application/json', 'X-Api-Key': adminKey() || '' };
    if (options.body) { headers['Content-Type'] = 'application/json'; }
    if (PROPERTY) { headers['X-Hotel-Property'] = PROPERTY; }
    return fetch(path, { method: options.method || 'GET', headers: headers, body: options.body ? JSON.stringify(options.body) : undefined })
      .then(function (response) {
        if (response.status === 401) {
          signOut(t('refused'));
          throw new Error('unauthorized');
        }
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (!response.ok) {
            throw new Error(body.detail || body.title || ('HTTP ' + response.status));
          }
          return body;
        });
      });
  }

  function showError(message) {
    var box = el('console-error');
    box.hidden = !message;
    box.textContent = message || '';
  }

  function reportError(error) { if (error.message !== 'unauthorized') { showError(error.message); } }

  function signIn(key) {
    sessionStorage.setItem(KEY, key);
    return api('v1/stats').then(function (stats) {
      el('login').hidden = true;
      el('console').hidden = false;
      el('session-tools').hidden = false;
      renderStats(stats);
      refresh();
      loadConversations();
      loadReservations();
      loadDeadLetters();
    });
  }

  function signOut(message) {
    sessionStorage.removeItem(KEY);
    if (timer) { clearTimeout(timer); timer = null; }
    el('console').hidden = true;
    el('session-tools').hidden = true;
    el('login').hidden = false;
    el('login-error').textContent = message || '';
    el('admin-key').value = '';
    el('admin-key').focus();
  }

  function refresh() {
    if (timer) { clearTimeout(timer); }
    Promise.all([api('v1/stats').then(renderStats), loadHandoffs()])
      .then(function () { showError(''); })
      .catch(reportError)
      .finally(function () { if (adminKey()) { timer = setTimeout(refresh, REFRESH_MS); } });
  }

  // ---- Overview and charts ----

  function renderStats(stats) {
    lastStats = stats;
    el('stat-live').textContent = stats.live.turns;
    el('stat-automation').textContent = stats.automation.rate === null || stats.automation.rate === undefined ? '–' : Math.round(stats.automation.rate * 100) + ' %';
    el('stat-open').textContent = stats.handoffs.open;
    el('stat-taken').textContent = stats.handoffs.taken;
    el('stat-bookings').textContent = stats.totals.bookings;
    // Hours in the hotel's time zone; a label every third hour keeps them apart.
    barChart(el('chart-messages'), stats.messagesPerHour.map(function (h, i) {
      return { label: i % 3 === 0 ? format(h.hour, { hour: '2-digit', hourCycle: 'h23' }) + 'h' : '', title: localDateTime(h.hour), value: h.messages };
    }), t('messagesPerHour'), 'bar');
    // Days: the day of the month under each bar, the month under the first day and where it changes.
    var lastMonth = null;
    barChart(el('chart-bookings'), stats.bookingsPerDay.map(function (d) {
      var month = d.date.slice(0, 7);
      var second = month !== lastMonth ? calendarDate(d.date, { month: 'short' }) : '';
      lastMonth = month;
      return { label: String(Number(d.date.slice(8, 10))), second: second, title: calendarDate(d.date, { weekday: 'short', day: 'numeric', month: 'short' }), value: d.bookings };
    }), t('bookingsPerDay'), 'bar-alt');
    automationChart(el('chart-automation'), stats.automation);
  }

  function svg(name, attributes, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes || {}).forEach(function (k) { node.setAttribute(k, attributes[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function barChart(container, points, title, barClass) {
    var width = 360, height = 170, bottom = 32, top = 14;
    var max = Math.max(1, Math.max.apply(null, points.map(function (p) { return p.value; })));
    var slot = width / points.length;
    var chart = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': title + ': ' + points.map(function (p) { return p.title + ' ' + p.value; }).join(', ') });
    chart.appendChild(svg('title', {}, title));
    points.forEach(function (p, i) {
      var h = (height - bottom - top) * p.value / max;
      var x = i * slot + slot * 0.15;
      var center = x + slot * 0.35;
      var bar = svg('rect', { x: x, y: height - bottom - h, width: slot * 0.7, height: h, 'class': barClass });
      bar.appendChild(svg('title', {}, p.title + ': ' + p.value));
      chart.appendChild(bar);
      if (p.value > 0) {
        chart.appendChild(svg('text', { x: center, y: height - bottom - h - 3, 'text-anchor': 'middle', 'class': 'axis' }, String(p.value)));
      }
      if (p.label) {
        chart.appendChild(svg('text', { x: center, y: height - bottom + 12, 'text-anchor': 'middle', 'class': 'axis label' }, p.label));
      }
      if (p.second) {
        chart.appendChild(svg('text', { x: center, y: height - bottom + 25, 'text-anchor': 'middle', 'class': 'axis label' }, p.second));
      }
    });
    container.replaceChildren(chart);
  }

  function automationChart(container, automation) {
    var rate = automation.rate === null || automation.rate === undefined ? null : automation.rate;
    var width = 360, height = 70;
    var caption = rate === null ? t('noTurns') : t('automationCaption', automation.turns, automation.handoffs, Math.round(rate * 100));
    var chart = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': caption });
    chart.appendChild(svg('rect', { x: 0, y: 10, width: width, height: 24, fill: '#fde7e7', rx: 4 }));
    if (rate !== null) {
      chart.appendChild(svg('rect', { x: 0, y: 10, width: width * rate, height: 24, 'class': 'bar-alt', rx: 4 }));
    }
    chart.appendChild(svg('text', { x: 0, y: 55, 'class': 'axis caption' }, caption));
    container.replaceChildren(chart);
  }

  // ---- Conversations ----

  function loadConversations() {
    return api('v1/conversations').then(renderConversations).catch(reportError);
  }

  function cells(row, values) {
    values.forEach(function (value) {
      var td = document.createElement('td');
      if (value instanceof Node) { td.appendChild(value); } else { td.textContent = value; }
      row.appendChild(td);
    });
  }

  function timeElement(value, text) {
    var time = document.createElement('time');
    time.dateTime = value;
    time.textContent = text;
    return time;
  }

  function renderConversations(body) {
    lastConversations = body;
    var list = body.conversations || [];
    el('conversations-note').textContent = t('conversationsNote', duration(body.keptForSeconds));
    el('conversations-empty').hidden = list.length > 0;
    el('conversations-table').hidden = list.length === 0;
    var rows = list.map(function (c) {
      var tr = document.createElement('tr');
      tr.dataset.conversationId = c.conversationId;
      var read = button(t('read'), function () { loadHistory(c.conversationId, c.channel); });
      read.setAttribute('aria-label', t('read') + ': ' + word('channels', c.channel) + ' ' + localDateTime(c.lastActivity));
      cells(tr, [
        timeElement(c.lastActivity, localDateTime(c.lastActivity)),
        word('channels', c.channel),
        c.language ? word('languages', c.language) : '–',
        word('states', c.state) + (c.handedOff && c.state !== 'handed_off' ? ' (' + t('withStaff') + ')' : ''),
        String(c.turns),
        read
      ]);
      return tr;
    });
    el('conversations').replaceChildren.apply(el('conversations'), rows);
  }

  function loadHistory(conversationId, channel, quiet) {
    return api('v1/conversations/' + encodeURIComponent(conversationId) + '/history').then(function (history) {
      history.channel = channel;
      renderHistory(history);
      if (!quiet) {
        el('conversation-view').hidden = false;
        el('conversation-view').scrollIntoView({ block: 'nearest' });
        el('conversation-close').focus();
      }
    }).catch(reportError);
  }

  function renderHistory(history) {
    openConversation = history;
    var messages = history.messages || [];
    el('conversation-view').dataset.conversationId = history.conversationId;
    el('conversation-view-title').textContent = t('conversationWith', word('channels', history.channel || ''),
      messages.length ? localDateTime(messages[0].at) : '–');
    el('conversation-view-note').textContent = messages.length ? '' : t('conversationEmpty');
    var items = messages.map(function (m) {
      var from = String(m.from).toLowerCase();
      var li = document.createElement('li');
      li.className = 'message from-' + from;
      li.dataset.from = from;
      var who = document.createElement('span');
      who.className = 'who';
      who.appendChild(document.createTextNode((from === 'staff' ? t('staff') + (m.author ? ' (' + m.author + ')' : '') : t(from)) + ' · '));
      who.appendChild(timeElement(m.at, localDateTime(m.at)));
      var text = document.createElement('p');
      text.className = 'text';
      text.textContent = m.text;
      li.appendChild(who);
      li.appendChild(text);
      return li;
    });
    el('conversation-messages').replaceChildren.apply(el('conversation-messages'), items);
  }

  // ---- Handoff queue ----

  function loadHandoffs() {
    var filter = el('handoff-filter').value;
    var query = filter && filter !== 'active' ? '?status=' + filter : '';
    return api('v1/handoffs' + query).then(function (body) {
      var tickets = (body.handoffs || []).filter(function (ticket) { return filter !== 'active' || ticket.status !== 'Closed'; });
      renderTickets(tickets);
    });
  }

  function staffName() {
    var name = el('staff-name').value.trim();
    if (!name) {
      el('staff-name').focus();
      showError(t('typeName'));
      return null;
    }
    localStorage.setItem(NAME, name);
    return name;
  }

  function act(path, body) {
    return api(path, { method: 'POST', body: body || {} })
      .then(function () { showError(''); return loadHandoffs(); })
      .catch(reportError);
  }

  function createTicketElement(ticket) {
    var item = document.createElement('li');
    item.className = 'ticket';
    item.dataset.id = ticket.id;
    var header = document.createElement('header');
    var messages = document.createElement('ol');
    messages.setAttribute('aria-label', t('messages'));
    var actions = document.createElement('div');
    actions.className = 'actions';

    var take = button(t('take'), function () { var name = staffName(); if (name) { act('v1/handoffs/' + encodeURIComponent(ticket.id) + '/take', { staff: name }); } });
    take.className = 'take';
    var release = button(t('release'), function () { act('v1/handoffs/' + encodeURIComponent(ticket.id) + '/release'); });
    release.className = 'release secondary';

    var form = document.createElement('form');
    form.className = 'reply';
    var inputId = 'reply-' + ticket.id;
    var label = document.createElement('label');
    label.className = 'visually-hidden';
    label.htmlFor = inputId;
    label.textContent = t('replyLabel');
    var input = document.createElement('input');
    input.id = inputId;
    input.type = 'text';
    input.maxLength = 4096;
    input.placeholder = t('replyPlaceholder');
    var send = document.createElement('button');
    send.type = 'submit';
    send.textContent = t('sendReply');
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(send);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var name = staffName();
      var text = input.value.trim();
      if (!name || !text) { return; }
      send.disabled = true;
      act('v1/handoffs/' + encodeURIComponent(ticket.id) + '/messages', { staff: name, text: text })
        .then(function () { input.value = ''; })
        .finally(function () { send.disabled = false; });
    });

    actions.appendChild(take);
    actions.appendChild(release);
    actions.appendChild(form);
    item.appendChild(header);
    item.appendChild(messages);
    item.appendChild(actions);
    item._parts = { header: header, messages: messages, take: take, release: release, form: form };
    return item;
  }

  function button(text, onClick) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.addEventListener('click', onClick);
    return b;
  }

  function renderTickets(tickets) {
    var list = el('handoffs');
    var seen = {};
    el('handoffs-empty').hidden = tickets.length > 0;
    tickets.forEach(function (ticket) {
      seen[ticket.id] = true;
      var item = ticketElements[ticket.id];
      if (!item) {
        item = createTicketElement(ticket);
        ticketElements[ticket.id] = item;
      }
      list.appendChild(item);
      var parts = item._parts;
      var status = String(ticket.status).toLowerCase();
      item.dataset.status = status;
      var summary = document.createElement('strong');
      summary.textContent = word('reasons', ticket.reason) + ' · ' + word('channels', ticket.channelName);
      var id = document.createElement('span');
      id.className = 'note conversation-id';
      id.textContent = ticket.conversationId;
      var badge = document.createElement('span');
      badge.className = 'badge ' + status;
      badge.textContent = t('status' + ticket.status) + (ticket.takenBy ? ' ' + t('takenBy', ticket.takenBy) : '');
      var when = document.createElement('span');
      when.className = 'note';
      when.textContent = localDateTime(ticket.createdAt) + (ticket.language ? ' · ' + word('languages', ticket.language) : '') + (ticket.reservationCode ? ' · ' + ticket.reservationCode : '');
      parts.header.replaceChildren(summary, id, badge, when);

      var lines = (ticket.messages || []).map(function (m) {
        var li = document.createElement('li');
        var who = m.from === 'Staff' ? (m.author || t('staff')) : t(String(m.from).toLowerCase());
        li.textContent = (m.at ? localTime(m.at) + ' ' : '') + who + ': ' + m.text;
        return li;
      });
      parts.messages.replaceChildren.apply(parts.messages, lines);
      parts.take.hidden = status !== 'open';
      parts.release.hidden = status === 'closed';
      parts.form.hidden = status === 'closed';
    });
    Object.keys(ticketElements).forEach(function (ticketId) {
      if (!seen[ticketId]) {
        ticketElements[ticketId].remove();
        delete ticketElements[ticketId];
      }
    });
  }

  // ---- Reservations ----

  function loadReservations() {
    return api('v1/reservations?take=100').then(renderReservations).catch(reportError);
  }

  function renderReservations(body) {
    lastReservations = body;
    var rows = (body.reservations || []).slice().sort(function (a, b) { return String(b.createdAt).localeCompare(String(a.createdAt)); }).map(function (r) {
      var tr = document.createElement('tr');
      var stay = calendarDate(r.checkIn, { day: 'numeric', month: 'short' }) + ' → ' + calendarDate(r.checkOut, { day: 'numeric', month: 'short', year: 'numeric' });
      var total = new Intl.NumberFormat(LOCALES[lang], { style: 'currency', currency: r.currency || 'EUR' }).format(Number(r.total));
      [r.code, r.guest ? r.guest.name + ' <' + r.guest.email + '>' : '', roomName(r.roomType), stay,
        party(r.adults, r.children || 0), total, word('reservationStatus', r.status)].forEach(function (value, i) {
        var td = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) { td.scope = 'row'; }
        td.textContent = value;
        tr.appendChild(td);
      });
      return tr;
    });
    el('reservations').replaceChildren.apply(el('reservations'), rows);
  }

  // ---- Dead letters ----

  function loadDeadLetters() {
    return api('v1/dead-letters?take=200').then(renderDeadLetters).catch(reportError);
  }

  function renderDeadLetters(body) {
    lastDeadLetters = body;
    var letters = body.deadLetters || [];
    el('dead-letters-empty').hidden = letters.length > 0;
    el('dead-letters-table').hidden = letters.length === 0;
    var rows = letters.map(function (d) {
      var tr = document.createElement('tr');
      tr.dataset.queue = d.queue;
      tr.dataset.id = d.id;
      [localDateTime(d.failedAt), d.queue, d.direction, d.conversationId || d.channelName, d.content, d.reason,
        d.attempts == null ? '' : String(d.attempts)].forEach(function (value, i) {
        var td = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) { td.scope = 'row'; }
        td.textContent = value;
        tr.appendChild(td);
      });
      var path = 'v1/dead-letters/' + encodeURIComponent(d.queue) + '/' + encodeURIComponent(d.id);
      var actions = document.createElement('td');
      actions.appendChild(button(t('replay'), function () { deadLetterAction(path + '/replay', 'POST'); }));
      actions.appendChild(button(t('discard'), function () { deadLetterAction(path, 'DELETE'); }));
      tr.appendChild(actions);
      return tr;
    });
    el('dead-letters').replaceChildren.apply(el('dead-letters'), rows);
  }

  function deadLetterAction(path, method) {
    return api(path, { method: method })
      .then(function () { showError(''); })
      .catch(reportError)
      .finally(loadDeadLetters);
  }

  // ---- Wiring ----

  el('login-form').addEventListener('submit', function (event) {
    event.preventDefault();
    el('login-error').textContent = '';
    signIn(el('admin-key').value.trim()).catch(function (error) {
      if (error.message !== 'unauthorized') { signOut(t('unreachable', error.message)); }
    });
  });
  el('sign-out').addEventListener('click', function () { signOut(''); });
  el('staff-language').addEventListener('change', function () { applyLanguage(el('staff-language').value); });
  el('handoff-filter').addEventListener('change', function () { loadHandoffs(); });
  el('reservations-refresh').addEventListener('click', loadReservations);
  el('dead-letters-refresh').addEventListener('click', loadDeadLetters);
  el('conversation-close').addEventListener('click', function () {
    openConversation = null;
    el('conversation-view').hidden = true;
  });
  el('staff-name').value = localStorage.getItem(NAME) || '';
  el('staff-name').addEventListener('change', function () { localStorage.setItem(NAME, el('staff-name').value.trim()); });

  applyLanguage(lang);
  loadHotel();
  if (adminKey()) {
    signIn(adminKey()).catch(function () { /* signOut already showed why */ });
  } else {
    el('admin-key').focus();
  }
  setInterval(tick, 30000);
  setInterval(function () {
    if (adminKey() && !el('console').hidden) {
      loadConversations();
      loadReservations();
      loadDeadLetters();
      if (openConversation) { loadHistory(openConversation.conversationId, openConversation.channel, true); }
    }
  }, 15000);
})();
