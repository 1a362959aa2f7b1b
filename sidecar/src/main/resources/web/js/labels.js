// The fixed vocabularies of the feedback contract (drop-ins/contract/feedback-tool.schema.json; the e2e suite's
// labels.test.mjs keeps them equal). Filter options, charts and badge classes are made only from these lists.

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

/** Appends one <option> per value, labelled, after the select's existing options (such as "All types"). */
export function addOptions(select, values) {
  for (const value of values) {
    const option = document.createElement('option');
    option.value = value;
    option.textContent = label(value);
    select.appendChild(option);
  }
}

/** A human label for a known value; unknown values are shown as they are (as text, never markup). */
export function label(value) {
  return Object.hasOwn(NAMES, value) ? NAMES[value] : String(value ?? '');
}
