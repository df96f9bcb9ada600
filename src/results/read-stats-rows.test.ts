import { describe, expect, it } from 'vitest';
import { readStatsResult, readStatsRows } from './read-stats-rows';

const ROW = { campaign: 'kettle', variant: 'a', segment: null, visitors: 10, impressions: 12, clickers: 3, purchasers: 2, orders: 3, revenue: 120.5, revenue_sq: 9000.25 };

describe('readStatsRows', () => {
  it('reads a JSON array of rows, as duckdb -json writes it', () => {
    expect(readStatsRows(JSON.stringify([ROW, { ...ROW, segment: 'dach', visitors: 4 }]))).toEqual([ROW, { ...ROW, segment: 'dach', visitors: 4 }]);
  });

  it('reads numbers written as strings and NULL segments, as BigQuery writes INT64', () => {
    const bigquery = { ...ROW, visitors: '10', impressions: '12', clickers: '3', purchasers: '2', orders: '3', revenue: '120.5', revenue_sq: '9000.25' };
    expect(readStatsRows(JSON.stringify({ rows: [bigquery] }))).toEqual([ROW]);
    expect(readStatsRows([JSON.stringify(bigquery), JSON.stringify({ ...bigquery, segment: 'dach' })].join('\n'))).toEqual([ROW, { ...ROW, segment: 'dach' }]);
  });

  it('reads CSV with a header, quoted cells and an empty segment for all visitors', () => {
    const csv = 'campaign,variant,segment,visitors,impressions,clickers,purchasers,orders,revenue,revenue_sq\r\nkettle,a,,10,12,3,2,3,120.5,9000.25\r\n"kettle","a","dach, ""north""",4,4,1,1,1,20,400\r\n';
    expect(readStatsRows(csv)).toEqual([ROW, { ...ROW, segment: 'dach, "north"', visitors: 4, impressions: 4, clickers: 1, purchasers: 1, orders: 1, revenue: 20, revenue_sq: 400 }]);
  });

  it('says what is wrong, and where, with a file that is not rows', () => {
    expect(() => readStatsRows('')).toThrow('the stats file is empty');
    expect(() => readStatsRows('[{"campaign":"kettle"')).toThrow(/not valid JSON/);
    expect(() => readStatsRows('campaign,variant\nkettle,a')).toThrow(/no column "segment", "visitors"/);
    expect(() => readStatsRows(JSON.stringify([ROW, { ...ROW, visitors: -1 }]))).toThrow('row 2 of the stats file: "visitors" is not a whole number of 0 or more');
    expect(() => readStatsRows(JSON.stringify([{ ...ROW, revenue: 'lots' }]))).toThrow('"revenue" is not a number');
    expect(() => readStatsRows(JSON.stringify([{ ...ROW, campaign: undefined }]))).toThrow('row 1 of the stats file has no "campaign"');
    expect(() => readStatsRows(JSON.stringify([ROW, ROW]))).toThrow(/row 2 of the stats file repeats campaign "kettle", variant "a", all segments/);
    expect(() => readStatsRows(JSON.stringify([{ ...ROW, purchasers: 11 }]))).toThrow(/does not add up/);
  });
  it('reads answer rows apart from the stats rows: the option value as JSON text, typed', () => {
    const answer = (value: string, visitors: number | string, answers: number | string) => ({ campaign: 'brew', variant: null, segment: null, visitors, impressions: 0, clickers: 0, purchasers: 0, orders: 0, revenue: 0, revenue_sq: 0, trait: 'brewMethod', answer: value, answers });
    const stats = { ...ROW, trait: null, answer: null, answers: null };
    expect(readStatsResult(JSON.stringify([stats, answer('"espresso"', 2, 3), answer('1.0', '1', '1'), answer('true', 0, 2)]))).toEqual({
      rows: [ROW],
      answers: [{ campaign: 'brew', trait: 'brewMethod', options: [{ value: 'espresso', visitors: 2, answers: 3 }, { value: 1, visitors: 1, answers: 1 }, { value: true, visitors: 0, answers: 2 }] }],
    });
    const csv = `campaign,variant,segment,visitors,impressions,clickers,purchasers,orders,revenue,revenue_sq,trait,answer,answers
kettle,a,,10,12,3,2,3,120.5,9000.25,,,
brew,,,2,0,0,0,0,0,0,brewMethod,"""don't, know""",3`;
    expect(readStatsResult(csv)).toEqual({ rows: [ROW], answers: [{ campaign: 'brew', trait: 'brewMethod', options: [{ value: "don't, know", visitors: 2, answers: 3 }] }] });
    expect(readStatsResult(JSON.stringify([ROW])).answers).toBeUndefined();
    expect(() => readStatsResult(JSON.stringify([answer('espresso', 1, 1)]))).toThrow('answer row 1 of the stats file: "answer" is not a JSON string, number or boolean');
    expect(() => readStatsResult(JSON.stringify([answer('"a"', 3, 2)]))).toThrow('visitors are at most answers');
    expect(() => readStatsResult(JSON.stringify([answer('"a"', 1, 1), answer('"a"', 1, 1)]))).toThrow('repeats answer "a" of campaign "brew"');
    expect(() => readStatsResult(JSON.stringify([answer('"a"', 1, 1), { ...answer('"b"', 1, 1), trait: 'other' }]))).toThrow('has trait "other"');
  });
});
