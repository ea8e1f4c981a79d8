/**
 * What the domain records (patients, prescriptions, drugs, plans, pharmacies) are built from:
 * dates that may be relative to today and list copies that keep nulls for validation. The
 * feature packages' records depend on this package; the data loading ({@code data}) depends on
 * them, never the other way round.
 */
package com.rxflow.tools.records;
