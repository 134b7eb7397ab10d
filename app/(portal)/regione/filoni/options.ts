import {
  PNRR_MISSION_LABELS,
  PNRR_MISSIONS,
  PROGRAMME_VALUES,
  THEME_LABELS,
  THEMES,
  VALUE_LABELS,
} from "@/lib/format";

/** The choices of the stream form. */
export const STREAM_FORM_OPTIONS = {
  themes: THEMES.map((t) => ({ value: t, label: THEME_LABELS[t] })),
  missions: PNRR_MISSIONS.map((m) => ({ value: m, label: PNRR_MISSION_LABELS[m] })),
  values: PROGRAMME_VALUES.map((v) => ({ value: v, label: VALUE_LABELS[v] })),
};
