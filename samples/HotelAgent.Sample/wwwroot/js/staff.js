// Staff console: asks for the admin key once (kept in session storage) and calls the admin endpoints with it
// (X-Api-Key): GET /v1/stats, the handoff queue under /v1/handoffs, GET /v1/reservations and the dead letters under
// /v1/dead-letters.
(function () {
  'use strict';

  var KEY = 'hotelagent.adminKey';
  // On a host with several hotels, /staff?property=lisbon is that hotel's console (its queue, numbers, bookings).
  var PROPERTY = new URLSearchParams(window.location.search).get('property') || '';
  var NAME = 'hotelagent.staffName';
  var REFRESH_MS = 3000;
  var SVG = 'http://www.w3.org/2000/svg';

  var el = function (id) { return document.getElementById(id); };
  var timer = null;
  var ticketElements = {};

  function adminKey() { return sessionStorage.getItem(KEY); }

  function api(path, options) {
    options = options || {};
    var headers = { 'Accept': 'application/json', 'X-Api-Key': adminKey() || '' };
    if (options.body) { headers['Content-Type'] = 'application/json'; }
    if (PROPERTY) { headers['X-Hotel-Property'] = PROPERTY; }
    return fetch(path, { method: options.method || 'GET', headers: headers, body: options.body ? JSON.stringify(options.body) : undefined })
      .then(function (response) {
        if (response.status === 401) {
          signOut('The admin key was refused.');
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

  function signIn(key) {
    sessionStorage.setItem(KEY, key);
    return api('v1/stats').then(function (stats) {
      el('login').hidden = true;
      el('console').hidden = false;
      el('session-tools').hidden = false;
      renderStats(stats);
      refresh();
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
      .catch(function (error) { if (error.message !== 'unauthorized') { showError(error.message); } })
      .finally(function () { if (adminKey()) { timer = setTimeout(refresh, REFRESH_MS); } });
  }

  // ---- Overview and charts ----

  function renderLive(conversations) {
    var body = el('live');
    body.textContent = '';
    el('live-empty').hidden = conversations.length > 0;
    el('live-table').hidden = conversations.length === 0;
    conversations.forEach(function (c) {
      var row = document.createElement('tr');
      [c.conversationId, c.channel, c.handedOff ? c.state + ' (staff)' : c.state, c.language || '–', String(c.turns),
        new Date(c.lastActivity).toLocaleTimeString()].forEach(function (text) {
        var cell = document.createElement('td');
        cell.textContent = text;
        row.appendChild(cell);
      });
      body.appendChild(row);
    });
  }

  function renderStats(stats) {
    el('stat-live').textContent = stats.live.turns;
    renderLive(stats.live.conversations || []);
    el('stat-automation').textContent = stats.automation.rate === null || stats.automation.rate === undefined ? '–' : Math.round(stats.automation.rate * 100) + ' %';
    el('stat-open').textContent = stats.handoffs.open;
    el('stat-taken').textContent = stats.handoffs.taken;
    el('stat-bookings').textContent = stats.totals.bookings;
    barChart(el('chart-messages'), stats.messagesPerHour.map(function (h) {
      return { label: new Date(h.hour).toISOString().slice(11, 13) + 'h', value: h.messages };
    }), 'Messages per hour', 'bar');
    barChart(el('chart-bookings'), stats.bookingsPerDay.map(function (d) {
      return { label: d.date.slice(8, 10) + '/' + d.date.slice(5, 7), value: d.bookings };
    }), 'Bookings per day', 'bar-alt');
    automationChart(el('chart-automation'), stats.automation);
  }

  function svg(name, attributes, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes || {}).forEach(function (k) { node.setAttribute(k, attributes[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function barChart(container, points, title, barClass) {
    var width = 360, height = 150, bottom = 18, top = 14;
    var max = Math.max(1, Math.max.apply(null, points.map(function (p) { return p.value; })));
    var slot = width / points.length;
    var chart = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': title + ': ' + points.map(function (p) { return p.label + ' ' + p.value; }).join(', ') });
    chart.appendChild(svg('title', {}, title));
    points.forEach(function (p, i) {
      var h = (height - bottom - top) * p.value / max;
      var x = i * slot + slot * 0.15;
      var bar = svg('rect', { x: x, y: height - bottom - h, width: slot * 0.7, height: h, 'class': barClass });
      bar.appendChild(svg('title', {}, p.label + ': ' + p.value));
      chart.appendChild(bar);
      if (p.value > 0) {
        chart.appendChild(svg('text', { x: x + slot * 0.35, y: height - bottom - h - 3, 'text-anchor': 'middle', 'class': 'axis' }, String(p.value)));
      }
      if (points.length <= 14 || i % 3 === 0) {
        chart.appendChild(svg('text', { x: x + slot * 0.35, y: height - 5, 'text-anchor': 'middle', 'class': 'axis' }, p.label));
      }
    });
    container.replaceChildren(chart);
  }

  function automationChart(container, automation) {
    var rate = automation.rate === null || automation.rate === undefined ? null : automation.rate;
    var width = 360, height = 70;
    var chart = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': rate === null ? 'No turns yet' : Math.round(rate * 100) + ' % of ' + automation.turns + ' turns answered without a handoff' });
    chart.appendChild(svg('rect', { x: 0, y: 10, width: width, height: 24, fill: '#fde7e7', rx: 4 }));
    if (rate !== null) {
      chart.appendChild(svg('rect', { x: 0, y: 10, width: width * rate, height: 24, 'class': 'bar-alt', rx: 4 }));
    }
    chart.appendChild(svg('text', { x: 0, y: 55, 'class': 'axis caption' },
      rate === null ? 'No turns in the last 24 h.' : automation.turns + ' turns, ' + automation.handoffs + ' handed off to staff: ' + Math.round(rate * 100) + ' % automated'));
    container.replaceChildren(chart);
  }

  // ---- Handoff queue ----

  function loadHandoffs() {
    var filter = el('handoff-filter').value;
    var query = filter && filter !== 'active' ? '?status=' + filter : '';
    return api('v1/handoffs' + query).then(function (body) {
      var tickets = (body.handoffs || []).filter(function (t) { return filter !== 'active' || t.status !== 'Closed'; });
      renderTickets(tickets);
    });
  }

  function staffName() {
    var name = el('staff-name').value.trim();
    if (!name) {
      el('staff-name').focus();
      showError('Type your name at the top first: guests see it with your replies.');
      return null;
    }
    localStorage.setItem(NAME, name);
    return name;
  }

  function act(path, body) {
    return api(path, { method: 'POST', body: body || {} })
      .then(function () { showError(''); return loadHandoffs(); })
      .catch(function (error) { if (error.message !== 'unauthorized') { showError(error.message); } });
  }

  function createTicketElement(ticket) {
    var item = document.createElement('li');
    item.className = 'ticket';
    item.dataset.id = ticket.id;
    var header = document.createElement('header');
    var messages = document.createElement('ol');
    messages.setAttribute('aria-label', 'Messages');
    var actions = document.createElement('div');
    actions.className = 'actions';

    var take = button('Take', function () { var name = staffName(); if (name) { act('v1/handoffs/' + encodeURIComponent(ticket.id) + '/take', { staff: name }); } });
    take.className = 'take';
    var release = button('Release to the agent', function () { act('v1/handoffs/' + encodeURIComponent(ticket.id) + '/release'); });
    release.className = 'release secondary';

    var form = document.createElement('form');
    form.className = 'reply';
    var inputId = 'reply-' + ticket.id;
    var label = document.createElement('label');
    label.className = 'visually-hidden';
    label.htmlFor = inputId;
    label.textContent = 'Reply to the guest';
    var input = document.createElement('input');
    input.id = inputId;
    input.type = 'text';
    input.maxLength = 4096;
    input.placeholder = 'Reply to the guest…';
    var send = document.createElement('button');
    send.type = 'submit';
    send.textContent = 'Send reply';
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
      summary.textContent = reasonText(ticket.reason) + ' · ' + ticket.channelName + ' · ' + ticket.conversationId;
      var badge = document.createElement('span');
      badge.className = 'badge ' + status;
      badge.textContent = status + (ticket.takenBy ? ' by ' + ticket.takenBy : '');
      var when = document.createElement('span');
      when.className = 'note';
      when.textContent = new Date(ticket.createdAt).toLocaleString() + (ticket.language ? ' · ' + ticket.language : '') + (ticket.reservationCode ? ' · ' + ticket.reservationCode : '');
      parts.header.replaceChildren(summary, badge, when);

      var lines = (ticket.messages || []).map(function (m) {
        var li = document.createElement('li');
        var who = m.from === 'Staff' ? (m.author || 'Staff') : m.from;
        li.textContent = who + ': ' + m.text;
        return li;
      });
      parts.messages.replaceChildren.apply(parts.messages, lines);
      parts.take.hidden = status !== 'open';
      parts.release.hidden = status === 'closed';
      parts.form.hidden = status === 'closed';
    });
    Object.keys(ticketElements).forEach(function (id) {
      if (!seen[id]) {
        ticketElements[id].remove();
        delete ticketElements[id];
      }
    });
  }

  function reasonText(reason) {
    switch (reason) {
      case 'GuestRequest': return 'Guest asked for a person';
      case 'Complaint': return 'Complaint';
      case 'LateCheckout': return 'Late checkout';
      case 'AfterHours': return 'After hours';
      case 'NotUnderstood': return 'Not understood';
      default: return String(reason);
    }
  }

  // ---- Reservations ----

  function loadReservations() {
    return api('v1/reservations?take=100').then(function (body) {
      var rows = (body.reservations || []).slice().sort(function (a, b) { return String(b.createdAt).localeCompare(String(a.createdAt)); }).map(function (r) {
        var tr = document.createElement('tr');
        [r.code, r.guest ? r.guest.name + ' <' + r.guest.email + '>' : '', r.roomType, r.checkIn + ' → ' + r.checkOut,
          r.adults + (r.children ? ' + ' + r.children : ''), Number(r.total).toFixed(2) + ' ' + r.currency, r.status].forEach(function (value, i) {
          var td = document.createElement(i === 0 ? 'th' : 'td');
          if (i === 0) { td.scope = 'row'; }
          td.textContent = value;
          tr.appendChild(td);
        });
        return tr;
      });
      el('reservations').replaceChildren.apply(el('reservations'), rows);
    }).catch(function (error) { if (error.message !== 'unauthorized') { showError(error.message); } });
  }

  // ---- Dead letters ----

  function loadDeadLetters() {
    return api('v1/dead-letters?take=200').then(function (body) {
      var letters = body.deadLetters || [];
      el('dead-letters-empty').hidden = letters.length > 0;
      el('dead-letters-table').hidden = letters.length === 0;
      var rows = letters.map(function (d) {
        var tr = document.createElement('tr');
        tr.dataset.queue = d.queue;
        tr.dataset.id = d.id;
        [new Date(d.failedAt).toLocaleString(), d.queue, d.direction, d.conversationId || d.channelName, d.content, d.reason,
          d.attempts == null ? '' : String(d.attempts)].forEach(function (value, i) {
          var td = document.createElement(i === 0 ? 'th' : 'td');
          if (i === 0) { td.scope = 'row'; }
          td.textContent = value;
          tr.appendChild(td);
        });
        var path = 'v1/dead-letters/' + encodeURIComponent(d.queue) + '/' + encodeURIComponent(d.id);
        var actions = document.createElement('td');
        actions.appendChild(button('Replay', function () { deadLetterAction(path + '/replay', 'POST'); }));
        actions.appendChild(button('Discard', function () { deadLetterAction(path, 'DELETE'); }));
        tr.appendChild(actions);
        return tr;
      });
      el('dead-letters').replaceChildren.apply(el('dead-letters'), rows);
    }).catch(function (error) { if (error.message !== 'unauthorized') { showError(error.message); } });
  }

  function deadLetterAction(path, method) {
    return api(path, { method: method })
      .then(function () { showError(''); })
      .catch(function (error) { if (error.message !== 'unauthorized') { showError(error.message); } })
      .finally(loadDeadLetters);
  }

  // ---- Wiring ----

  el('login-form').addEventListener('submit', function (event) {
    event.preventDefault();
    el('login-error').textContent = '';
    signIn(el('admin-key').value.trim()).catch(function (error) {
      if (error.message !== 'unauthorized') { signOut('The console could not reach the host: ' + error.message); }
    });
  });
  el('sign-out').addEventListener('click', function () { signOut(''); });
  el('handoff-filter').addEventListener('change', function () { loadHandoffs(); });
  el('reservations-refresh').addEventListener('click', loadReservations);
  el('dead-letters-refresh').addEventListener('click', loadDeadLetters);
  el('staff-name').value = localStorage.getItem(NAME) || '';
  el('staff-name').addEventListener('change', function () { localStorage.setItem(NAME, el('staff-name').value.trim()); });

  if (adminKey()) {
    signIn(adminKey()).catch(function () { /* signOut already showed why */ });
  } else {
    el('admin-key').focus();
  }
  setInterval(function () { if (adminKey() && !el('console').hidden) { loadReservations(); loadDeadLetters(); } }, 15000);
})();
