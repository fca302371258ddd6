/** The part an input table plays. Its own file, so the column registry, the header mapping and role
 * detection can all name it without importing each other. */
export type Role = "customers" | "sales" | "stock" | "deals" | "reps";

/** Every role, in the order detection assigns them. */
export const ROLES: readonly Role[] = ["sales", "customers", "stock", "deals", "reps"];
