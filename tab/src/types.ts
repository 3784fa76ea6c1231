// The shapes of /api/v1 as docs/tab-api.md agrees them.

export type Stage =
  | "not_registered"
  | "draft"
  | "registered"
  | "suggestions_waiting"
  | "request_pending"
  | "paired"
  | "ended";

export interface Me {
  person: { id: string; name: string; email: string; is_admin: boolean };
  programme: { id: string; name: string };
  role: "mentee" | "mentor" | null;
  stage: Stage;
  next_step: string;
}

export interface Partner {
  id: string;
  name: string;
  email: string;
  languages: string[];
  duty_station: string;
  time_zone: string;
  local_time: string;
  profile: { label: string; value: string }[];
}

export interface Pairing {
  id: string;
  started_at: string;
  my_role: "mentee" | "mentor";
  partner: Partner;
}

export interface Session {
  id: string;
  version: number;
  starts_at: string;
  ends_at: string;
  subject: string;
  join_url: string | null;
  status: string;
}

export interface SessionList {
  upcoming: Session[];
  past: Session[];
  can_schedule: boolean;
}

export interface Offer {
  starts_at: string;
  ends_at: string;
  label: string;
}

export type Owner = "mentee" | "mentor" | "both";
export type ItemStatus = "open" | "in_progress" | "done";

export interface AgreementItem {
  id: string;
  version: number;
  goal: string;
  action: string;
  owner: Owner;
  due: string | null;
  status: ItemStatus;
}

export type ItemFields = Omit<AgreementItem, "id" | "version">;

export interface Agreement {
  items: AgreementItem[];
  history: { at: string; by: string; item_id: string; change: string }[];
}

export interface JournalEntry {
  id: string;
  version: number;
  written_at: string;
  text: string;
}

export interface ResourceSection {
  id: string;
  title: string;
  intro: string;
  items: string[];
}

export interface ReflectionQuestion {
  id: string;
  kind: "rating" | "choice" | "text";
  text: string;
  /** rating: "1" (lowest) to "5" (highest); choice: its options; text: none. */
  options: string[];
  required: boolean;
}

/** The end-of-programme survey: the caller's questions, never anyone's answers. */
export interface Reflection {
  pairing_id: number;
  survey: { id: string; title: string; intro: string };
  questions: ReflectionQuestion[];
  open: boolean;
  opens_at: string;
  answered: boolean;
  answered_at: string | null;
}

export interface LabelCount {
  label: string;
  count: number;
}

export interface Dashboard {
  /** Set once the cohort has ended: when, and when its personal data is (or was) deleted. */
  cohort_notice?: string | null;
  funnel: { stage: string; count: number }[];
  pairs_by: Record<"duty_station" | "grade" | "language" | "entity", LabelCount[]>;
  sessions_per_month: { month: string; count: number }[];
  first_contact_days: LabelCount[];
  nudges: { kind: string; outcome: string; count: number }[];
  unmatched: { mentee: string; rule: string }[];
  queue: { id: number; kind: "rematch" | "conflict"; pair: string; opened_at: string; status: string }[];
  without_contact: { pairing_id: string; mentee: string; mentor: string; days: number }[];
}
