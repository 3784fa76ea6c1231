import type { ItemStatus, Owner } from "../types";

export const OWNERS: Record<Owner, string> = { mentee: "Mentee", mentor: "Mentor", both: "Both of us" };
export const STATUSES: Record<ItemStatus, string> = { open: "Open", in_progress: "In progress", done: "Done" };
