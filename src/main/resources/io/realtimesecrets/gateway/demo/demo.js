// realtime-secrets /demo: the browser side of the token flow, in plain JavaScript.
// Copy what you need; nothing here depends on a framework.
'use strict';

// Where the gateway's /token is. Same origin here; a front-end on another origin puts the gateway's URL
// here and the gateway lists that origin with --cors-origin.
const TOKEN_URL = '/token';

// Step 1, a login stub: a real app asks its OIDC library, e.g. `await auth.getAccessToken()`.
function getAccessToken() {
  const pasted = document.getElementById('jwt').value.trim();
  return pasted === '' ? null : pasted;
}

// Step 2: one ephemeral secret for this user. POST with the access token as a bearer token; the answer
// is the upstream's JSON unchanged, or {"error": {"type", "message"}} with 401 (token refused: sign in
// again), 429 or 503 (retry after the Retry-After header's seconds).
async function fetchRealtimeToken(accessToken) {
  const headers = {};
  if (accessToken) {
    headers['Authorization'] = 'Bearer ' + accessToken;
  }
  const response = await fetch(TOKEN_URL, { method: 'POST', headers, cache: 'no-store' });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = body && body.error ? body.error.message : response.statusText;
    const error = new Error('error ' + response.status + ': ' + message);
    error.status = response.status;
    error.body = body;
    throw error;
  }
  return body;
}

// The GA answer is {value, expires_at, session}; the beta /sessions answer nests the secret in
// client_secret and is itself the session.
function describeSecret(body) {
  const secret = body.client_secret || body;
  const session = body.session || body;
  return {
    value: secret.value,
    expiresAt: secret.expires_at,
    type: session.type || body.object || 'realtime',
    model: session.model || '-',
  };
}

// Step 4: open the Realtime session over WebRTC with the ephemeral secret. The secret is used once, here.
async function openRealtimeSession(ephemeralKey) {
  const pc = new RTCPeerConnection();
  const audio = document.createElement('audio');
  audio.autoplay = true;
  pc.ontrack = (event) => { audio.srcObject = event.streams[0]; };
  const microphone = await navigator.mediaDevices.getUserMedia({ audio: true });
  pc.addTrack(microphone.getTracks()[0]);
  const events = pc.createDataChannel('oai-events');
  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  const answer = await fetch('https://api.openai.com/v1/realtime/calls', {
    method: 'POST',
    body: offer.sdp,
    headers: { Authorization: 'Bearer ' + ephemeralKey, 'Content-Type': 'application/sdp' },
  });
  await pc.setRemoteDescription({ type: 'answer', sdp: await answer.text() });
  return { pc, events };
}

// --- the page around it ---------------------------------------------------------------------------

let countdownTimer = null;

function show(id, text) {
  document.getElementById(id).textContent = text;
}

function setStatus(state, text) {
  const status = document.getElementById('status');
  status.dataset.state = state;
  status.textContent = text;
}

function startCountdown(expiresAt) {
  clearInterval(countdownTimer);
  const countdown = document.getElementById('countdown');
  const tick = () => {
    const seconds = Math.max(0, Math.round(expiresAt - Date.now() / 1000));
    countdown.dataset.seconds = String(seconds);
    countdown.textContent = seconds > 0
      ? Math.floor(seconds / 60) + ' min ' + (seconds % 60) + ' s'
      : 'expired: get a new token';
    if (seconds === 0) {
      clearInterval(countdownTimer);
    }
  };
  tick();
  countdownTimer = setInterval(tick, 1000);
}

async function onGetToken() {
  setStatus('busy', 'Asking the gateway...');
  try {
    const secret = describeSecret(await fetchRealtimeToken(getAccessToken()));
    // show only a prefix: a page should not display a usable secret
    show('secret', secret.value.slice(0, 8) + '…');
    show('session-type', secret.type);
    show('model', secret.model);
    show('expires-at', new Date(secret.expiresAt * 1000).toLocaleTimeString());
    startCountdown(secret.expiresAt);
    setStatus('ok', 'Got a secret: the front-end would now call openRealtimeSession(secret.value).');
  } catch (error) {
    setStatus('error', error.message);
  }
}

document.getElementById('get-token').addEventListener('click', onGetToken);
document.getElementById('webrtc-code').textContent = openRealtimeSession.toString();
