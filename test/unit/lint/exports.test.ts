// Files as drawing programs and icon sets really write them (hand-written here
// in their typical shape, no third-party artwork): none may get an error.
import * as assert from 'node:assert/strict';
import { fixAll, lintSvg } from '../../../src/core/lint';
import { parseSvg } from '../../../src/core/svg/parse';

const ILLUSTRATOR = `<?xml version="1.0" encoding="utf-8"?>
<!-- Generator: Adobe Illustrator 24.1.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
	<!ENTITY ns_ai "http://ns.adobe.com/AdobeIllustrator/10.0/">
]>
<svg version="1.1" id="Layer_1" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:i="&ns_ai;" x="0px" y="0px"
	 viewBox="0 0 512 512" style="enable-background:new 0 0 512 512;" xml:space="preserve">
<style type="text/css">
	.st0{fill:#FF0000;}
	.st1{fill:url(#SVGID_1_);}
</style>
<switch>
	<foreignObject requiredExtensions="&ns_ai;" x="0" y="0" width="1" height="1"></foreignObject>
	<g i:extraneous="self">
		<linearGradient id="SVGID_1_" gradientUnits="userSpaceOnUse" x1="0" y1="256" x2="512" y2="256">
			<stop  offset="0" style="stop-color:#FFFFFF"/>
			<stop  offset="1" style="stop-color:#000000;stop-opacity:0.5"/>
		</linearGradient>
		<path class="st0" d="M256,0C114.6,0,0,114.6,0,256s114.6,256,256,256s256-114.6,256-256S397.4,0,256,0z"/>
		<polygon class="st1" points="10,10 20,20 30,10 "/>
		<rect x="-0.5" y="1" width="10" height="0.5" transform="matrix(0.7071 -0.7071 0.7071 0.7071 -106.0387 256)"/>
	</g>
</switch>
</svg>
`;

const INKSCAPE = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<svg
   width="210mm"
   height="297mm"
   viewBox="0 0 210 297"
   version="1.1"
   id="svg5"
   inkscape:version="1.1 (c68e22c387, 2021-05-23)"
   sodipodi:docname="drawing.svg"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns="http://www.w3.org/2000/svg"
   xmlns:svg="http://www.w3.org/2000/svg"
   xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
   xmlns:cc="http://creativecommons.org/ns#"
   xmlns:dc="http://purl.org/dc/elements/1.1/">
  <sodipodi:namedview
     id="namedview7"
     pagecolor="#ffffff"
     bordercolor="#666666"
     inkscape:zoom="0.64"
     inkscape:current-layer="layer1" />
  <defs
     id="defs2" />
  <metadata id="metadata5">
    <rdf:RDF>
      <cc:Work rdf:about="">
        <dc:format>image/svg+xml</dc:format>
        <dc:type rdf:resource="http://purl.org/dc/dcmitype/StillImage" />
      </cc:Work>
    </rdf:RDF>
  </metadata>
  <g
     inkscape:label="Layer 1"
     inkscape:groupmode="layer"
     id="layer1">
    <path
       style="fill:#000000;fill-opacity:1;stroke:none;stroke-width:0.264583px"
       d="m 52.916666,61.232142 c 20.410714,-9.82738 41.577381,-1.511904 41.577381,-1.511904 l 12.851193,40.821428 z"
       id="path31"
       inkscape:connector-curvature="0"
       sodipodi:nodetypes="ccc" />
    <text
       xml:space="preserve"
       style="font-size:10.5833px;line-height:1.25;font-family:sans-serif;stroke-width:0.264583"
       x="40.061806"
       y="140.54167"
       id="text1"><tspan
         sodipodi:role="line"
         id="tspan1"
         x="40.061806"
         y="140.54167">Hello</tspan></text>
  </g>
</svg>
`;

const FIGMA = '<svg width="24" height="24" viewBox="0 0 24 24" fill="none" xmlns="http://www.w3.org/2000/svg">\n<g clip-path="url(#clip0_10_2)">\n<path fill-rule="evenodd" clip-rule="evenodd" d="M12 2C6.48 2 2 6.48 2 12C2 17.52 6.48 22 12 22Z" fill="#1E1E1E"/>\n</g>\n<defs>\n<clipPath id="clip0_10_2">\n<rect width="24" height="24" fill="white"/>\n</clipPath>\n</defs>\n</svg>\n';

const SKETCH = '<?xml version="1.0" encoding="UTF-8"?>\n<svg width="16px" height="16px" viewBox="0 0 16 16" version="1.1" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:sketch="http://www.bohemiancoding.com/sketch/ns">\n    <!-- Generator: Sketch 3.0.4 (8053) - http://www.bohemiancoding.com/sketch -->\n    <title>icon</title>\n    <desc>Created with Sketch.</desc>\n    <defs></defs>\n    <g id="Page-1" stroke="none" stroke-width="1" fill="none" fill-rule="evenodd" sketch:type="MSPage">\n        <circle id="Oval-1" fill="#D8D8D8" sketch:type="MSShapeGroup" cx="8" cy="8" r="7"></circle>\n    </g>\n</svg>\n';

const MATERIAL = '<svg xmlns="http://www.w3.org/2000/svg" height="24" viewBox="0 0 24 24" width="24"><path d="M0 0h24v24H0z" fill="none"/><path d="M10 20v-6h4v6h5v-8h3L12 3 2 12h3v8z"/></svg>';

const SPRITE = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" style="display:none">\n<symbol id="home" viewBox="0 0 24 24"><path d="M10 20v-6h4v6h5v-8h3L12 3 2 12h3v8z"/></symbol>\n<use xlink:href="#home" width="24" height="24"/>\n</svg>\n';

const BOOTSTRAP = '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" fill="currentColor" class="bi bi-alarm" viewBox="0 0 16 16">\n  <path d="M8.5 5.5a.5.5 0 0 0-1 0v3.362l-1.429 2.38a.5.5 0 1 0 .858.515l1.5-2.5A.5.5 0 0 0 8.5 9V5.5z"/>\n</svg>';

const ANIMATED = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="3" opacity="0"><animate attributeName="opacity" values="0;1;0" dur="1s" repeatCount="indefinite"/></circle><g transform="rotate(45 12 12)"><rect x="30" y="30" width="2" height="2"/></g></svg>';

const SAMPLES: Record<string, string> = { ILLUSTRATOR, INKSCAPE, FIGMA, SKETCH, MATERIAL, SPRITE, BOOTSTRAP, ANIMATED };

describe('lint on drawing-program exports', () => {
  for (const [name, text] of Object.entries(SAMPLES)) {
    it(`${name}: no error findings, and fix-all keeps it well-formed`, () => {
      assert.deepEqual(parseSvg(text).errors, [], 'sample must be well-formed');
      const errors = lintSvg(text).filter((f) => f.severity === 'error');
      assert.deepEqual(errors, []);
      const fixed = fixAll(text).text;
      assert.deepEqual(parseSvg(fixed).errors, [], fixed);
      assert.deepEqual(lintSvg(fixed).filter((f) => f.severity === 'error'), []);
    });
  }

  it('Inkscape: the editor metadata is reported and fix-all removes all of it', () => {
    const codes = lintSvg(INKSCAPE).filter((f) => f.code === 'editor-metadata');
    assert.ok(codes.length >= 8, String(codes.length));
    const fixed = fixAll(INKSCAPE).text;
    for (const gone of ['inkscape', 'sodipodi', '<metadata', 'rdf:', 'Created with Inkscape']) assert.ok(!fixed.includes(gone), `${gone} left in:\n${fixed}`);
    assert.ok(fixed.includes('<path') && fixed.includes('>Hello</tspan>'));
  });

  it('Material: the invisible bounding-box path is only information', () => {
    const f = lintSvg(MATERIAL).find((x) => x.code === 'invisible-element');
    assert.equal(f?.severity, 'info');
  });

  it('animations and transforms silence visibility and viewBox judgements', () => {
    const codes = lintSvg(ANIMATED).map((f) => f.code);
    assert.ok(!codes.includes('invisible-element') && !codes.includes('outside-viewbox'), codes.join());
  });
});
