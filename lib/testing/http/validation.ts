// Rails-style validation of a write's attributes: the messages of each invalid attribute, which a
// 422 answers as the error map (digest §3.2, e.g. `{"name":["has already been taken"]}`).
import { toInt, type FieldErrors } from './body';

/**
 * Collects the messages of a write's invalid attributes.
 * @example
 * const v = new Validation();
 * const name = v.name('name', attrs.name, ['Core']); // undefined and "has already been taken" for 'core'
 * if (v.failed) return unprocessable(v.errors);
 */
export class Validation {
  readonly errors: FieldErrors = {};

  fail(field: string, message: string): void {
    (this.errors[field] ??= []).push(message);
  }

  get failed(): boolean {
    return Object.keys(this.errors).length > 0;
  }

  /**
   * A required, unique name (trimmed): "can't be blank", "has already been taken" (in any case),
   * "is too long (maximum is N characters)"; undefined when invalid.
   * @example
   * v.name('page_name', ' Setup ', ['Home'], 50); // 'Setup'
   */
  name(field: string, value: unknown, taken: readonly string[], max = 255): string | undefined {
    const name = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
    const lower = name.toLowerCase();
    if (name === '') this.fail(field, "can't be blank");
    else if (name.length > max) this.fail(field, `is too long (maximum is ${max} characters)`);
    else if (taken.some((t) => t.toLowerCase() === lower)) this.fail(field, 'has already been taken');
    else return name;
    return undefined;
  }

  /**
   * An integer out of a fixed set: "is not included in the list"; undefined when invalid.
   * @example
   * v.oneOf('state', '2', [1, 2, 4]); // 2
   */
  oneOf(field: string, value: unknown, allowed: readonly number[]): number | undefined {
    const n = toInt(value);
    if (n !== undefined && allowed.includes(n)) return n;
    this.fail(field, 'is not included in the list');
    return undefined;
  }

  /**
   * Any integer: "is not a number"; undefined when invalid.
   * @example
   * v.integer('list_order', 3); // 3
   */
  integer(field: string, value: unknown): number | undefined {
    const n = toInt(value);
    if (n === undefined) this.fail(field, 'is not a number');
    return n;
  }
}

/**
 * A boolean attribute as Rails reads it (true, 'true', '1', 1).
 * @example
 * flag('1'); // true
 */
export function flag(value: unknown): boolean {
  return value === true || value === 1 || value === 'true' || value === '1';
}
