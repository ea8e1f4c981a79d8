// The conversation's progress: the refill's stages, lit up to the one the conversation's step is
// in. Steps are matched by what they are about, so steps the workflow adds later still land on a
// sensible stage; the step itself is shown in words beneath.

const STAGES = [
  { label: 'Start', matches: () => false },
  { label: 'Medication', matches: step => /MEDICATION|IDENTIFY|CLARIFY/.test(step) },
  { label: 'Safety & coverage', matches: step => /DOSAGE|SAFETY|AUTHORI[SZ]ATION|COVERAGE|ESCALATE_PA|PRIOR/.test(step) },
  { label: 'Pharmacy', matches: step => /PHARMACY/.test(step) },
  { label: 'Confirm', matches: step => /CONFIRM|ORDER/.test(step) },
  { label: 'Done', matches: step => /COMPLETE|DONE|PLACED/.test(step) },
];

function stageOf(state, step) {
  const upper = (step || '').toUpperCase();
  for (let i = STAGES.length - 1; i > 0; i--) {
    if (upper && STAGES[i].matches(upper)) {
      return i;
    }
  }
  if (state === 'COMPLETED') {
    return STAGES.length - 1;
  }
  return state && state !== 'INITIALIZED' ? 1 : 0;
}

function words(value) {
  const text = String(value).toLowerCase().replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function renderProgress(state, step) {
  const current = stageOf(state, step);
  const list = document.getElementById('progress');
  list.replaceChildren(...STAGES.map((stage, index) => {
    const li = document.createElement('li');
    li.textContent = stage.label;
    li.className = index < current ? 'done' : index === current ? 'current' : '';
    if (index === current) {
      li.setAttribute('aria-current', 'step');
    }
    return li;
  }));
  const label = document.getElementById('step');
  label.dataset.state = state || '';
  label.dataset.step = step || '';
  label.textContent = [step && words(step), state && `(${words(state)})`].filter(Boolean).join(' ');
}
