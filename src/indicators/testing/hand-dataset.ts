import { importFiles } from '../../ingest/import.ts';
import { offenderRecord, seriesRecord, toCsv, victimRecord, type TestRecord } from '../../ingest/testing/records.ts';
import type { TempStore } from '../../ingest/testing/temp-store.ts';

/**
 * Five series, seven victims, five offenders: small enough to check every indicator by hand
 * (docs/indicators.md walks through it). Codes and dates only.
 *
 *   series  country year  identified       selfGen  abuse  victims (gender ageBand identified severity)       offenders (visible gender)
 *   S1      DE      2015  yes 2016-01-01   no       DE     V1 f prepubescent yes A; V2 m infantToddler no C  O1 yes m
 *   S2      DE      2015  no               yes      DE     V3 m prepubescent no A                             O2 no m; O3 yes f
 *   S3      FR      2016  yes 2019-01-01   no       –(ZZ)  V4 f pubescent no B; V5 nd nd no nd                (none)
 *   S4      US      2016  no               nd       US     V6 m postPubescent no indicative                   O4 yes m
 *   S5      BR      2017  no               yes      FR     V7 f prepubescent no A                             O5 no f
 */
export const HAND_RECORDS: readonly TestRecord[] = [
  seriesRecord('S1', { 'series.country': 'DE', 'series.firstSeen': '2015-01-01', 'series.identified': 'yes', 'series.identifiedOn': '2016-01-01', 'series.selfGenerated': 'no', 'series.abuseCountrySuspected': 'DE' }),
  victimRecord('S1', 'V1', { 'victim.gender': 'female', 'victim.ageBand': 'prepubescent', 'victim.identified': 'yes', 'victim.identifiedOn': '2016-01-01', 'victim.severityCode': '10' }),
  victimRecord('S1', 'V2', { 'victim.gender': 'male', 'victim.ageBand': 'infantToddler', 'victim.severityCode': '4' }),
  offenderRecord('S1', 'O1', { 'offender.visible': 'yes', 'offender.gender': 'male' }),
  seriesRecord('S2', { 'series.country': 'DE', 'series.firstSeen': '2015-06-01', 'series.selfGenerated': 'yes', 'series.abuseCountrySuspected': 'DE' }),
  victimRecord('S2', 'V3', { 'victim.gender': 'male', 'victim.ageBand': 'prepubescent', 'victim.severityCode': '9' }),
  offenderRecord('S2', 'O2', { 'offender.visible': 'no', 'offender.gender': 'male' }),
  offenderRecord('S2', 'O3', { 'offender.visible': 'yes', 'offender.gender': 'female' }),
  seriesRecord('S3', { 'series.country': 'FR', 'series.firstSeen': '2016-01-01', 'series.identified': 'yes', 'series.identifiedOn': '2019-01-01', 'series.selfGenerated': 'no' }),
  victimRecord('S3', 'V4', { 'victim.gender': 'female', 'victim.ageBand': 'pubescent', 'victim.severityCode': '8' }),
  victimRecord('S3', 'V5', { 'victim.gender': 'notDeterminable', 'victim.ageBand': 'notDeterminable', 'victim.severityScale': 'notDeterminable', 'victim.severityCode': 'notDeterminable' }),
  seriesRecord('S4', { 'series.country': 'US', 'series.firstSeen': '2016-03-01', 'series.selfGenerated': 'notDeterminable', 'series.abuseCountrySuspected': 'US' }),
  victimRecord('S4', 'V6', { 'victim.gender': 'male', 'victim.ageBand': 'postPubescent', 'victim.severityCode': '1' }),
  offenderRecord('S4', 'O4', { 'offender.visible': 'yes', 'offender.gender': 'male' }),
  seriesRecord('S5', { 'series.country': 'BR', 'series.firstSeen': '2017-01-01', 'series.selfGenerated': 'yes', 'series.abuseCountrySuspected': 'FR' }),
  victimRecord('S5', 'V7', { 'victim.gender': 'female', 'victim.ageBand': 'prepubescent', 'victim.severityCode': '10' }),
  offenderRecord('S5', 'O5', { 'offender.visible': 'no', 'offender.gender': 'female' }),
];

/** Imports HAND_RECORDS into a temporary store through the ordinary importer. */
export async function loadHandDataset(t: TempStore): Promise<void> {
  await importFiles({ store: t.store, files: [t.file('hand.csv', toCsv(HAND_RECORDS))], today: '2024-06-30' });
}
