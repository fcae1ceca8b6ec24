import * as t from 'io-ts';
import { isLeft } from 'fp-ts/Either';
import { show } from './show';

type Required<P extends t.Props> = { [K in keyof P]: t.TypeOf<P[K]> };
type Optional<P extends t.Props> = { [K in keyof P]?: t.TypeOf<P[K]> };

/**
 * An object codec that rejects unknown fields (io-ts's `exact` only strips them) and reports
 * every failing field, so one decode names all that is wrong with a command.
 */
export const closed = <R extends t.Props, O extends t.Props = Record<never, never>>(
  name: string,
  required: R,
  optional?: O,
): t.Type<Required<R> & Optional<O>, Required<R> & Optional<O>, unknown> => {
  const opt: t.Props = optional ?? {};
  const known = new Set([...Object.keys(required), ...Object.keys(opt)]);
  const is = (u: unknown): u is Required<R> & Optional<O> =>
    typeof u === 'object' &&
    u !== null &&
    !Array.isArray(u) &&
    Object.keys(u).every((k) => known.has(k)) &&
    Object.entries(required).every(([k, c]) => c.is((u as Record<string, unknown>)[k])) &&
    Object.entries(opt).every(([k, c]) => {
      const v = (u as Record<string, unknown>)[k];
      return v === undefined || c.is(v);
    });
  return new t.Type(
    name,
    is,
    (u, c) => {
      if (typeof u !== 'object' || u === null || Array.isArray(u)) {
        return t.failure(u, c, `must be an object (${name})`);
      }
      const input = u as Record<string, unknown>;
      const errors: t.ValidationError[] = [];
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(input)) {
        if (!known.has(key)) {
          errors.push({
            value: input[key],
            context: t.appendContext(c, key, t.unknown, input[key]),
            message: 'unknown field',
          });
        }
      }
      const field = (key: string, codec: t.Mixed, optionalField: boolean): void => {
        const value = input[key];
        if (value === undefined) {
          if (!optionalField) {
            errors.push({
              value,
              context: t.appendContext(c, key, codec, value),
              message: 'is required',
            });
          }
          return;
        }
        const result = codec.validate(value, t.appendContext(c, key, codec, value));
        if (isLeft(result)) errors.push(...result.left);
        else out[key] = result.right;
      };
      for (const [key, codec] of Object.entries(required)) field(key, codec, false);
      for (const [key, codec] of Object.entries(opt)) field(key, codec, true);
      return errors.length > 0 ? t.failures(errors) : t.success(out as Required<R> & Optional<O>);
    },
    t.identity,
  );
};

/** An array codec whose failure for a non-array reads as a rule. */
export const arrayOf = <C extends t.Mixed>(
  item: C,
  min: number,
  max: number,
): t.Type<t.TypeOf<C>[], t.TypeOf<C>[], unknown> =>
  new t.Type<t.TypeOf<C>[], t.TypeOf<C>[], unknown>(
    `array of ${item.name}`,
    (u): u is t.TypeOf<C>[] => Array.isArray(u) && u.every((x) => item.is(x)),
    (u, c) => {
      if (!Array.isArray(u) || u.length < min || u.length > max) {
        const got = Array.isArray(u) ? `${u.length} items` : show(u);
        return t.failure(u, c, `must be a list of ${min}..${max} items, got ${got}`);
      }
      const errors: t.ValidationError[] = [];
      const out: t.TypeOf<C>[] = [];
      u.forEach((x, i) => {
        const r = item.validate(x, t.appendContext(c, String(i), item, x));
        if (isLeft(r)) errors.push(...r.left);
        else out.push(r.right);
      });
      return errors.length > 0 ? t.failures(errors) : t.success(out);
    },
    t.identity,
  );

/**
 * A union told apart by its `type` field, so that a failure names the wrong field of the
 * chosen variant instead of listing every variant's mismatch.
 */
export const tagged = <C extends t.Mixed>(
  name: string,
  variants: Readonly<Record<string, C>>,
): t.Type<t.TypeOf<C>, t.TypeOf<C>, unknown> => {
  const tags = Object.keys(variants);
  return new t.Type<t.TypeOf<C>, t.TypeOf<C>, unknown>(
    name,
    (u): u is t.TypeOf<C> =>
      typeof u === 'object' &&
      u !== null &&
      typeof (u as { type?: unknown }).type === 'string' &&
      variants[(u as { type: string }).type]?.is(u) === true,
    (u, c) => {
      const tag = typeof u === 'object' && u !== null ? (u as { type?: unknown }).type : undefined;
      const variant = typeof tag === 'string' ? variants[tag] : undefined;
      if (variant === undefined) {
        const ctx =
          typeof u === 'object' && u !== null ? t.appendContext(c, 'type', t.unknown, tag) : c;
        return t.failure(
          tag,
          ctx,
          `must be one of ${tags.map((x) => `"${x}"`).join(', ')}, got ${show(tag)}`,
        );
      }
      return variant.validate(u, c);
    },
    t.identity,
  );
};
