// Shared bits of the local server's tests.
import { DEFAULT_CREDENTIALS } from '../../lib/testing';

export const AUTH: Record<string, string> = {
  'X-Api-Key': DEFAULT_CREDENTIALS.key,
  'X-Api-Secret': DEFAULT_CREDENTIALS.secret,
};

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body; undefined when it is empty or not JSON. */
  // Tests read fields freely; the fidelity spec checks shapes.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/** A request with the default API key, read to the end. */
export async function call(baseUrl: string, path: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(`${baseUrl}${path}`, {
    ...init,
    headers: { ...AUTH, ...(init.headers as Record<string, string>) },
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** A JSON POST/PUT with the default API key. */
export function send(baseUrl: string, method: string, path: string, body: unknown): Promise<Answer> {
  return call(baseUrl, path, { method, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
