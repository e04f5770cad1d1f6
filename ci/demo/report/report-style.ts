// Readable on a projector: large type, high contrast, the two screenshots of a pair side by side when there is room.
export const REPORT_CSS = `
body { font: 18px/1.45 system-ui, sans-serif; color: #1a1a1a; margin: 0 auto; max-width: 1500px; padding: 24px 32px; }
h1 { font-size: 30px; margin: 0 0 8px; } h2 { font-size: 24px; margin: 32px 0 12px; }
.verdict { font-weight: 600; padding: 8px 12px; border-radius: 6px; display: inline-block; }
.pass { background: #e3f4e6; color: #14532d; } .fail { background: #fde8e8; color: #7f1d1d; }
table { border-collapse: collapse; } th, td { text-align: left; padding: 8px 14px; border: 1px solid #ccc; }
.before-after td { font-weight: 600; }
.pair { display: flex; flex-wrap: wrap; gap: 24px; margin-bottom: 24px; }
figure { flex: 1 1 420px; margin: 0; } figcaption { margin-bottom: 6px; }
/* Shown at their own size (a phone's screenshot stays phone-sized), shrunk only when the window is narrower. */
figure img { max-width: 100%; height: auto; border: 1px solid #bbb; border-radius: 4px; box-shadow: 0 1px 4px #0002; }
.offenders > li { margin-bottom: 14px; } .offenders p { margin: 0; } .entry-name { font-weight: 600; font-size: 22px; }
code { font: 15px ui-monospace, monospace; background: #f3f3f3; padding: 1px 4px; overflow-wrap: anywhere; }
.code-points, .problems { margin: 4px 0; font-size: 16px; } .problems { color: #555; overflow-wrap: anywhere; }
.timings td { border: none; padding: 2px 12px; } footer { margin-top: 32px; color: #666; font-size: 15px; }
`;
