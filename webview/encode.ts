// Builds data: URIs in the webview; the SVG is only ever shown through <img>,
// where the browser runs none of its scripts and fetches none of its links.

export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${base64Utf8(svg)}`;
}

/** Accepts only base64 alphabet so a value from a message cannot break out of the URI. */
export function pngDataUri(base64: string): string | undefined {
  return /^[A-Za-z0-9+/]*={0,2}$/.test(base64) ? `data:image/png;base64,${base64}` : undefined;
}

/** Loads and decodes an image off-screen; resolves undefined when the browser cannot draw it. */
export async function decoded(src: string): Promise<HTMLImageElement | undefined> {
  const img = new Image();
  img.src = src;
  try {
    await img.decode();
    return img;
  } catch {
    return undefined;
  }
}
