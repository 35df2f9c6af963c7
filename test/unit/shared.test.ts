import * as assert from 'node:assert/strict';
import { formatReadyLine, parseReadyLine } from '../../src/shared/readyLine';
import { isEditableDocument, isSvgDocument, type DocumentLike } from '../../src/shared/svgDocument';

function doc(languageId: string, path: string, text = '', scheme = path.startsWith('Untitled') ? 'untitled' : 'file'): DocumentLike {
  return { languageId, isUntitled: scheme === 'untitled', uri: { path, scheme }, getText: () => text };
}

describe('shared contracts', () => {
  it('ready line: what the server prints, the extension reads back; anything else is refused', () => {
    const line = formatReadyLine({ url: 'http://127.0.0.1:41234/v1', model: 'tiny' });
    assert.equal(line, '{"url":"http://127.0.0.1:41234/v1","model":"tiny"}');
    assert.deepEqual(parseReadyLine(line), { url: 'http://127.0.0.1:41234/v1', model: 'tiny' });
    // A headless vLLM worker serves no API: no URL to connect to.
    const headless = formatReadyLine({ url: null, model: 'm', headless: true });
    assert.deepEqual(JSON.parse(headless), { url: null, model: 'm', headless: true });
    assert.equal(parseReadyLine(headless), undefined);
    for (const bad of ['', 'listening on 8080', '[]', 'null', '{"url":1,"model":"m"}', '{"url":"u"}']) assert.equal(parseReadyLine(bad), undefined, bad);
  });

  it('ready line: the device the model runs on and why travel with it; odd values are dropped, long ones cut', () => {
    const ready = { url: 'http://127.0.0.1:41234/v1', model: 'tiny', device: 'Vulkan0: NVIDIA H200', deviceReason: 'auto: Vulkan build sees this GPU' };
    assert.deepEqual(parseReadyLine(formatReadyLine(ready)), ready);
    assert.deepEqual(parseReadyLine('{"url":"u","model":"m","device":7,"deviceReason":"x"}'), { url: 'u', model: 'm' });
    assert.equal(parseReadyLine(JSON.stringify({ url: 'u', model: 'm', device: 'd'.repeat(5000) }))!.device!.length, 300);
  });

  it('SVG document: .svg files and the svg language whatever the content; untitled XML only when it starts as an <svg>', () => {
    assert.equal(isSvgDocument(doc('xml', '/a/icon.SVG')), true);
    assert.equal(isSvgDocument(doc('svg', '/a/icon.txt')), true);
    assert.equal(isSvgDocument(doc('xml', '/a/data.xml', '<svg xmlns="http://www.w3.org/2000/svg"/>')), false, 'a saved .xml file is not an SVG document');
    assert.equal(isSvgDocument(doc('xml', 'Untitled-1', '<svg viewBox="0 0 1 1"></svg>')), true);
    assert.equal(isSvgDocument(doc('xml', 'Untitled-1', '<?xml version="1.0"?>\n<!-- by hand -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n<svg/>')), true);
    assert.equal(isSvgDocument(doc('xml', 'Untitled-1', '<html><svg/></html>')), false);
    assert.equal(isSvgDocument(doc('plaintext', 'Untitled-1', '<svg/>')), false);
    assert.equal(isEditableDocument(doc('svg', '/a.svg', '', 'git')), false);
    assert.equal(isEditableDocument(doc('svg', '/a.svg', '', 'file')), true);
  });
});
