// Archive Browser's helper for partner pages that embed it in an <iframe>: the frame's height
// follows its content, the frame takes the page's --ab-* theme properties, and a new view in
// the frame (Older, an article) brings the frame's top into view when it is above the window.
//
//   <iframe data-archive-browser title="News archive" loading="lazy"
//           src="https://archive.example.org/archive/?embed=1#/section/news?lang=en"></iframe>
//   <script src="https://archive.example.org/archive/embed-host.js" defer></script>
//
// Messages are taken only from a frame marked data-archive-browser, and only when they come
// from that frame's own origin; the theme is sent only to that origin. Classic script, no
// dependencies, nothing global.
(() => {
  const THEME = [
    '--ab-bg', '--ab-fg', '--ab-muted', '--ab-accent', '--ab-accent-fg', '--ab-border', '--ab-control-border',
    '--ab-surface', '--ab-warn-bg', '--ab-warn-border', '--ab-mark-bg', '--ab-mark-fg',
    '--ab-radius', '--ab-font', '--ab-measure',
  ];
  function originOf(frame) {
    try {
      return new URL(frame.src, document.baseURI).origin;
    } catch {
      return null;
    }
  }

  function sendTheme(frame, origin) {
    const style = getComputedStyle(frame);
    const theme = {};
    for (const name of THEME) {
      const value = style.getPropertyValue(name).trim();
      if (value) theme[name] = value;
    }
    frame.contentWindow?.postMessage({ type: 'archive-browser:theme', theme }, origin);
  }

  addEventListener('message', (event) => {
    const data = event.data;
    if (!data || !['archive-browser:height', 'archive-browser:top'].includes(data.type)) return;
    for (const frame of document.querySelectorAll('iframe[data-archive-browser]')) {
      if (frame.contentWindow !== event.source) continue;
      const origin = originOf(frame);
      if (origin !== event.origin) return;
      if (data.type === 'archive-browser:top') {
        // Only up: a frame whose top the reader can see, or one below, stays where it is.
        if (frame.getBoundingClientRect().top < 0) frame.scrollIntoView();
        return;
      }
      const height = Number(data.height);
      if (Number.isFinite(height) && height > 0) frame.style.height = `${Math.ceil(height)}px`;
      if (data.first) sendTheme(frame, origin);
      return;
    }
  });
})();
