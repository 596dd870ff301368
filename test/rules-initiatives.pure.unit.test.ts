import { describe, it } from 'vitest';
import { given, recorded } from './support/given.js';

/** The registry's rules as pure specs: a history of events, a command, its events or its refusal. */

const area = recorded('registry', 'ProgrammeAreaRegistered', { programmeAreaId: 'barn-og-unge', name: 'Barn og unge' });
const samba = recorded('registry', 'InitiativeRegistered', {
  initiativeId: 'samba',
  name: 'SAMBA',
  programmeAreaId: 'barn-og-unge',
  criterion: 'drift',
  phase: 'drift',
});
const dropped = recorded('registry', 'InitiativeDropped', { initiativeId: 'samba', reason: 'Avsluttet' }, '2025-06-30');

describe('programme areas and initiatives, without a store', () => {
  it('registers a programme area once; a second with the same id is refused', () => {
    given()
      .when({ type: 'RegisterProgrammeArea', programmeAreaId: 'barn-og-unge', name: 'Barn og unge' })
      .then([{ type: 'ProgrammeAreaRegistered', data: { programmeAreaId: 'barn-og-unge', name: 'Barn og unge' } }]);
    given(area)
      .when({ type: 'RegisterProgrammeArea', programmeAreaId: 'barn-og-unge', name: 'Barn og unge igjen' })
      .thenRefuses('already-registered', { id: 'barn-og-unge' });
  });

  it('drops an initiative as of a day, and only once', () => {
    given(area, samba)
      .when({ type: 'EndInitiative', initiativeId: 'samba', reason: 'Avsluttet', effectiveDate: '2025-06-30' })
      .then([{ type: 'InitiativeDropped', data: { initiativeId: 'samba', reason: 'Avsluttet' } }]);
    given(area, samba, dropped)
      .when({ type: 'EndInitiative', initiativeId: 'samba', reason: 'Igjen', effectiveDate: '2025-09-01' })
      .thenRefuses('initiative-dropped', { initiativeName: 'SAMBA', droppedOn: '2025-06-30' });
  });

  it('refuses a drop without the day it happened, and a restart of an initiative that was never dropped', () => {
    given(area, samba).when({ type: 'EndInitiative', initiativeId: 'samba', reason: 'Avsluttet' }).thenRefuses('drop-date-required');
    given(area, samba)
      .when({
        type: 'RestartInitiative',
        initiativeId: 'samba',
        reason: 'Videreført',
        authority: { caseNumber: '22.25', pointNumber: 1 },
        effectiveDate: '2025-10-01',
      })
      .thenRefuses('initiative-not-dropped', { initiativeName: 'SAMBA' });
  });
});
