// Served by the dev-idp itself (the build copies no static files): a stylesheet, a script, an icon.

export const STYLESHEET = `
:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; color: #1c2430; background: #eef1f4; }
* { box-sizing: border-box; }
body { margin: 0; }
.banner { padding: .75rem 1rem; text-align: center; color: #2b2100; border-bottom: 3px solid #2b2100;
  background: repeating-linear-gradient(-45deg, #ffd43b 0 16px, #ffe27a 16px 32px); }
.banner p { margin: 0; font-weight: 700; }
main { max-width: 34rem; margin: 2rem auto; padding: 1.75rem 2rem; background: #fff; border-radius: 12px;
  box-shadow: 0 1px 4px rgba(0, 0, 0, .12); }
@media (max-width: 36rem) { main { margin: 0; padding: 1.25rem 1rem; border-radius: 0; } }
.brand { margin: 0 0 .5rem; font-weight: 700; color: #193e4f; }
.brand span { margin-left: .4rem; padding: .1rem .45rem; font-size: .75rem; border-radius: 4px; background: #ffd43b; color: #2b2100; }
h1 { margin: 0 0 1.25rem; font-size: 1.35rem; }
h2 { margin: 1.5rem 0 .75rem; font-size: 1.1rem; }
p { margin: 0 0 .75rem; }
.hint { color: #4f5a66; }
.choices { display: grid; gap: .75rem; }
.choice { display: block; padding: 1rem 1.25rem; border: 2px solid #193e4f; border-radius: 10px; color: #193e4f;
  font-size: 1.05rem; font-weight: 600; text-decoration: none; }
.choice:hover { background: #e8f1f5; }
:focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
.qr { margin: 1rem 0; text-align: center; }
.qr img { width: 216px; height: 216px; padding: 8px; border: 1px solid #d0d7de; border-radius: 8px; }
fieldset { margin: 0 0 1rem; padding: .75rem 1rem 1rem; border: 1px solid #d0d7de; border-radius: 10px; }
legend { padding: 0 .25rem; font-weight: 600; }
.person { display: flex; gap: .6rem; align-items: baseline; padding: .3rem 0; }
.person .number { margin-left: auto; color: #4f5a66; font-variant-numeric: tabular-nums; white-space: nowrap; }
.other { display: grid; gap: .5rem; margin: .25rem 0 0 1.6rem; }
.field { display: grid; gap: .2rem; font-size: .95rem; }
input[type="text"] { padding: .5rem .6rem; font: inherit; border: 1px solid #8c959f; border-radius: 6px; }
.actions { display: flex; gap: .75rem; }
button { padding: .65rem 1.25rem; font: inherit; font-weight: 600; border: 2px solid #193e4f; border-radius: 8px; cursor: pointer; }
.primary { background: #193e4f; color: #fff; }
.secondary { background: #fff; color: #193e4f; }
.error { padding: .6rem .8rem; color: #82071e; background: #fff0f0; border: 1px solid #d1242f; border-radius: 8px; }
.back { display: inline-block; margin-top: 1.25rem; color: #193e4f; }
`;

// The QR code changes every second (RP API v6); the server computes it, so the secret stays there.
export const QR_SCRIPT = `
const qr = document.getElementById('qr');
if (qr) {
  const base = qr.getAttribute('src');
  let tick = 0;
  setInterval(() => {
    tick += 1;
    qr.setAttribute('src', base + '?tick=' + tick);
  }, 1000);
}
`;

// A yellow "T": the browser asks for an icon, and a 404 would be logged as an error.
export const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">
<rect width="16" height="16" rx="3" fill="#ffd43b"/>
<text x="8" y="12.5" font-family="sans-serif" font-size="11" font-weight="700" text-anchor="middle" fill="#2b2100">T</text>
</svg>
`;
