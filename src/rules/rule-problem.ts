/**
 * The typed problems of a pack's `rules`: each carries a stable code, the JSON pointer of its
 * location and the data needed to word it (rule-problem-text.ts). No English here.
 */
import type { BooleanKey, RefusedKeyCode, ValueType } from "./rule-grammar";
import type { EventSpec, Operator } from "./types";

/** The rule a problem is in: its position and its name (null when missing or not text). */
export interface RuleRef {
  index: number;
  name: string | null;
}

/** A fact name that is not allowed where it is used. */
export interface UnknownFactData {
  name: string;
  /** The rule's scope (null when its event type is unknown). */
  scope: EventSpec["scope"] | null;
  /** The facts allowed there. */
  allowed: readonly string[];
  /** Whether the name is a fact of another scope. */
  inOtherScope: boolean;
}

type InRule<T> = T & { pointer: string; rule: RuleRef };

/** Where an unknown key was found. */
export type KeyOwner = "rule" | "event" | "leaf" | "fact-ref" | BooleanKey;

export type RuleProblem =
  | { code: "rules-not-a-list"; pointer: string; found: unknown }
  | { code: "too-many-rules"; pointer: string; count: number; max: number }
  | { code: "rule-not-an-object"; pointer: string; index: number; found: unknown }
  | InRule<{ code: "unknown-key"; owner: KeyOwner; key: string; allowed: readonly string[] }>
  | InRule<{
      code: "missing-property";
      owner: "rule" | "event" | "leaf";
      key: string;
    }>
  | InRule<{ code: "invalid-name"; reason: "not-text" | "too-long"; max: number }>
  | InRule<{ code: "duplicate-rule-name"; firstIndex: number }>
  | InRule<{ code: "invalid-description" }>
  | InRule<{ code: "invalid-priority"; found: unknown; max: number }>
  | InRule<
      { code: "invalid-condition" } & (
        | { reason: "conditions-not-object" | "top-not-boolean" }
        | { reason: "not-an-object" | "not-one-condition"; found: unknown }
        | { reason: "not-a-list"; key: BooleanKey; found: unknown }
        | { reason: "several-kinds"; keys: readonly BooleanKey[] }
      )
    >
  | InRule<{ code: "nesting-too-deep"; max: number }>
  | InRule<{ code: "empty-condition-list"; key: BooleanKey }>
  | InRule<{ code: "invalid-event" }>
  | InRule<{ code: "unknown-event-type"; found: unknown; allowed: readonly string[] }>
  | InRule<{ code: "invalid-event-params" }>
  | InRule<{
      code: "unknown-event-param";
      eventType: string;
      key: string;
      declared: readonly string[];
    }>
  | InRule<{ code: "event-param-type"; key: string; expected: ValueType; found: unknown }>
  | InRule<{
      code: "event-param-value";
      key: string;
      found: string;
      allowed: readonly string[];
    }>
  | InRule<{
      code: "missing-event-param";
      eventType: string;
      key: string;
      description: string;
    }>
  | InRule<{ code: RefusedKeyCode }>
  | InRule<{ code: "invalid-fact"; found: unknown }>
  | InRule<{ code: "unknown-fact" | "unknown-fact-reference" } & UnknownFactData>
  | InRule<{ code: "unknown-operator"; found: unknown; allowed: readonly Operator[] }>
  | InRule<{ code: "invalid-value"; reason: "fact-ref-without-fact" | "null" }>
  | InRule<
      { code: "value-not-array"; operator: Operator } & (
        { given: "fact-ref" } | { given: "value"; factType: ValueType; found: unknown }
      )
    >
  | InRule<{ code: "empty-value-list"; operator: Operator }>
  | InRule<{ code: "value-list-too-long"; max: number }>
  | InRule<
      { code: "type-mismatch" } & (
        | {
            reason: "operator";
            operator: Operator;
            fact: string;
            factType: ValueType;
            allowed: readonly Operator[];
          }
        | {
            reason: "fact-reference";
            fact: string;
            factType: ValueType;
            refFact: string;
            refType: ValueType;
          }
        | { reason: "list-for-one"; operator: Operator }
        | { reason: "value"; fact: string; factType: ValueType; found: unknown }
      )
    >
  | InRule<{
      code: "invalid-month-value";
      /** not-weeks: the fact is not counted in weeks; not-one-number: not a number, or beside a list operator. */
      reason: "not-weeks" | "not-one-number" | "negative";
      fact: string;
      found: unknown;
    }>
  | InRule<{
      code: "value-not-allowed";
      fact: string;
      found: string;
      values: readonly string[];
    }>;

export type RuleProblemCode = RuleProblem["code"];
