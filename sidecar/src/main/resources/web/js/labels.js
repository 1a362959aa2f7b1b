// The fixed vocabularies of the feedback contract. Badge classes are derived only from these lists.

export const GAP_TYPES = ['missing_tool', 'incomplete_results', 'missing_parameter', 'wrong_format', 'other'];
export const RESOLUTIONS = ['blocked', 'worked_around', 'partial'];

const NAMES = {
  missing_tool: 'Missing tool',
  incomplete_results: 'Incomplete results',
  missing_parameter: 'Missing parameter',
  wrong_format: 'Wrong format',
  other: 'Other',
  blocked: 'Blocked',
  worked_around: 'Worked around',
  partial: 'Partial',
};

/** A human label for a known value; unknown values are shown as they are (as text, never markup). */
export function label(value) {
  return Object.hasOwn(NAMES, value) ? NAMES[value] : String(value ?? '');
}
