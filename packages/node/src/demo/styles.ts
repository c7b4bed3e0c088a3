/** The demo's stylesheet (served as /demo.css; a file, not inline, to keep the strict CSP). */
export const DEMO_CSS: string = `:root {
  color-scheme: light dark;
  font-family: system-ui, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif;
  line-height: 1.6;
}
body {
  margin: 0;
  background: Canvas;
  color: CanvasText;
}
header {
  display: flex;
  justify-content: space-between;
  padding: 0.75rem 1.5rem;
  border-bottom: 1px solid #8884;
}
.site {
  font-weight: 700;
  font-size: 1.25rem;
}
main {
  max-width: 42rem;
  margin: 0 auto;
  padding: 1rem 1.5rem 4rem;
}
.section {
  color: #b3261e;
  font-weight: 600;
  margin-bottom: 0;
}
.byline {
  color: GrayText;
}
form {
  display: grid;
  gap: 0.5rem;
  margin: 1rem 0 2rem;
}
textarea {
  width: 100%;
  box-sizing: border-box;
  font: inherit;
  padding: 0.5rem;
}
button[type='submit'] {
  justify-self: end;
  padding: 0.4rem 1.2rem;
  font: inherit;
}
.comments {
  list-style: none;
  padding: 0;
}
.comment {
  border-top: 1px solid #8884;
  padding: 0.75rem 0;
}
.meta {
  font-size: 0.9rem;
  color: GrayText;
}
.meta strong {
  color: CanvasText;
}
.tag {
  font-size: 0.8rem;
  border: 1px solid #8886;
  border-radius: 0.25rem;
  padding: 0 0.3rem;
}
.text {
  margin: 0.25rem 0 0;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
}
.comment.pending .text {
  color: GrayText;
  font-style: italic;
}
.comment-actions {
  margin-top: 0.25rem;
  font-size: 0.85rem;
}
comment-shield-banner {
  display: block;
  margin: 0.5rem 0;
}
.notice {
  border: 1px solid #8886;
  border-radius: 0.25rem;
  padding: 0.5rem 0.75rem;
  font-size: 0.9rem;
}
`
