import { describe, expect, it } from 'vitest';
import { summaryOf } from '../../packages/store/src/cases/projection';
import { CLERK, intake, Story, T0 } from '../support/case-fixtures';

describe('green channel (绿色通道)', () => {
  it('keeps the clerk’s flag on the case, its received event and its list row', () => {
    const greenChannel = { reason: '市级重点项目' };
    const story = Story.begin().act({ ...intake(), greenChannel }, T0, CLERK);
    expect(story.events[0]).toMatchObject({ type: 'received', greenChannel });
    expect(story.case.greenChannel).toEqual(greenChannel);
    expect(summaryOf(story.case).greenChannel).toEqual(greenChannel);
  });

  it('flags nothing by default', () => {
    const story = Story.begin().act(intake(), T0, CLERK);
    expect(story.case.greenChannel).toBeUndefined();
    expect(summaryOf(story.case)).not.toHaveProperty('greenChannel');
  });
});
