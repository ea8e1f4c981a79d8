// The side panel: who the patient is, their medications, allergies, insurance and recent orders,
// from the conversation's profile (present once the assistant has looked the patient up).

const $ = id => document.getElementById(id);

function item(text, detail) {
  const li = document.createElement('li');
  const main = document.createElement('span');
  main.textContent = text;
  li.append(main);
  if (detail) {
    const small = document.createElement('small');
    small.textContent = detail;
    li.append(small);
  }
  return li;
}

function fill(list, items, empty) {
  list.replaceChildren(...(items.length ? items : [item(empty)]));
  list.classList.toggle('empty', items.length === 0);
}

function refills(medication) {
  const left = medication.refillsRemaining;
  if (left === undefined || left === null) {
    return '';
  }
  return left === 1 ? '1 refill left' : `${left} refills left`;
}

function when(value) {
  if (!value) {
    return '';
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * @param view the conversation as GET /api/v1/conversations/{id} answers it, or null before it is known
 * @param name the patient's name as the page knows it
 * @param patientId the patient's id when there is no view yet
 */
export function renderPanel(view, name, patientId) {
  const profile = (view && view.profile) || null;
  const fullName = profile && (profile.firstName || profile.lastName)
    ? [profile.firstName, profile.lastName].filter(Boolean).join(' ') : name;
  $('patient-name').textContent = fullName || 'Patient';
  $('patient-id').textContent = (view && view.patientId) || patientId || '';
  const waiting = 'Shown once the assistant has looked you up.';
  if (!profile) {
    fill($('medications'), [], waiting);
    fill($('allergies'), [], waiting);
    $('insurance').textContent = waiting;
    fill($('orders'), [], waiting);
    return;
  }
  fill($('medications'), (profile.medications || []).map(medication =>
    item([medication.name, medication.strength].filter(Boolean).join(' '), refills(medication))), 'None on file.');
  fill($('allergies'), (profile.allergies || []).map(allergy => item(String(allergy))), 'No known allergies.');
  $('insurance').textContent = profile.insurancePlanName || 'No insurance on file.';
  fill($('orders'), (profile.recentOrders || []).map(order => item(
    [order.medication, order.pharmacyName && `at ${order.pharmacyName}`].filter(Boolean).join(' '),
    [order.status, order.pickupAt && `pickup ${when(order.pickupAt)}`, order.orderId].filter(Boolean).join(' · '))),
  'No recent orders.');
}
