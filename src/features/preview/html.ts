// The preview page, built once per webview. Security follows VS Code's own
// media and markdown previews: default-src 'none', scripts only by a fresh
// crypto nonce, styles and images only from the extension's own resources or
// data: URIs, settings in a data attribute instead of inline script.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { PreviewSettings } from '../../shared/previewProtocol';

export function previewResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function previewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, settings: PreviewSettings): string {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'preview.css'));
  const csp = [
    "default-src 'none'",
    `img-src data: ${webview.cspSource}`,
    `style-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(style.toString())}">
<title>SVG Preview</title>
</head>
<body data-settings="${escapeAttr(JSON.stringify(settings))}">
<header class="toolbar" role="toolbar" aria-label="Preview controls">
  <div class="group" role="group" aria-label="Zoom">
    <vscode-button id="zoom-out" secondary aria-label="Zoom out" title="Zoom out (-)">−</vscode-button>
    <span id="zoom-label" class="zoom-label" aria-live="polite" aria-label="Zoom level">100%</span>
    <vscode-button id="zoom-in" secondary aria-label="Zoom in" title="Zoom in (+)">+</vscode-button>
    <vscode-button id="zoom-fit" secondary title="Fit to the panel (0)">Fit</vscode-button>
    <vscode-button id="zoom-actual" secondary aria-label="Actual size" title="Actual size (1)">100%</vscode-button>
  </div>
  <div class="group" role="group" aria-label="Display">
    <vscode-single-select id="background" aria-label="Background" title="Background">
      <vscode-option value="checker-light">Light checker</vscode-option>
      <vscode-option value="checker-dark">Dark checker</vscode-option>
      <vscode-option value="white">White</vscode-option>
      <vscode-option value="black">Black</vscode-option>
      <vscode-option value="theme">Theme</vscode-option>
    </vscode-single-select>
    <vscode-checkbox id="grid" checked title="Show the pixel grid at ${settings.pixelGridMinZoom * 100}% and above">Pixel grid</vscode-checkbox>
  </div>
  <div class="group" role="group" aria-label="Export">
    <vscode-textfield id="export-size" class="export-size" type="number" min="1" max="8192" aria-label="Export size in pixels (longest side)" title="Longest side of the exported PNG, in pixels"></vscode-textfield>
    <vscode-button id="export" title="Render a PNG of this size in the isolated renderer and save it">Export PNG</vscode-button>
    <vscode-button id="copy" secondary title="Copy the SVG as a data: URI">Copy data URI</vscode-button>
    <vscode-button id="lock" secondary aria-pressed="false" title="Keep showing this file">Lock</vscode-button>
  </div>
</header>
<div id="error" class="error" role="alert" hidden></div>
<div class="content">
  <main id="viewport" class="viewport" tabindex="0" aria-label="SVG preview. Plus and minus zoom, arrow keys pan, 0 fits, 1 shows actual size. Click a shape to select its source.">
    <div id="stage" class="stage">
      <img id="image" class="image" alt="Rendered SVG" draggable="false">
      <div class="pixel-grid" aria-hidden="true"></div>
      <div id="outline" class="outline" hidden></div>
      <svg id="hit" class="hit" xmlns="http://www.w3.org/2000/svg" aria-hidden="true"></svg>
    </div>
  </main>
  <aside id="side" class="side" aria-label="Model feedback" hidden>
    <section id="critique-section" class="section" aria-labelledby="critique-title" hidden>
      <h2 id="critique-title">Critique</h2>
      <div class="body"></div>
    </section>
    <section id="rounds-section" class="section" aria-labelledby="rounds-title" hidden>
      <h2 id="rounds-title">Rounds</h2>
      <ol class="rounds"></ol>
    </section>
    <section id="candidates-section" class="section" aria-labelledby="candidates-title" hidden>
      <h2 id="candidates-title">Candidates</h2>
      <div class="gallery" role="group" aria-label="Choose a candidate to replace the generated SVG"></div>
    </section>
  </aside>
</div>
<script nonce="${nonce}" src="${escapeAttr(script.toString())}"></script>
</body>
</html>`;
}
