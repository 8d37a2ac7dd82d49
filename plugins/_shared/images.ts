/** Image sources in the shapes vendors take: inline bytes (base64 with a media type) or a URL. */
import type { ImageSource } from '../plugin-api.ts';

const DATA_URL = /^data:([a-z]+\/[a-z0-9.+-]+);base64,(.*)$/is;

/**
 * The image's bytes as base64 with its media type: a base64 source, or a URL
 * that is itself a `data:` URL (OpenAI clients send inline images that way).
 * Undefined for a URL the vendor would have to fetch.
 */
export function inlineImage(source: ImageSource): { mediaType: string; data: string } | undefined {
  if (source.kind === 'base64') return { mediaType: source.mediaType, data: source.data };
  const m = DATA_URL.exec(source.url);
  return m ? { mediaType: m[1].toLowerCase(), data: m[2] } : undefined;
}

/** The image as a URL: the URL itself, or the bytes as a `data:` URL. */
export function imageUrl(source: ImageSource): string {
  return source.kind === 'url' ? source.url : `data:${source.mediaType};base64,${source.data}`;
}

const BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  heic: 'image/heic',
  heif: 'image/heif',
};

/** The media type an image URL's file extension names, if it names one. */
export function mediaTypeOfUrl(url: string): string | undefined {
  try {
    const ext = new URL(url).pathname.match(/\.([a-z0-9]+)$/i)?.[1]?.toLowerCase();
    return ext ? BY_EXTENSION[ext] : undefined;
  } catch {
    return undefined;
  }
}
