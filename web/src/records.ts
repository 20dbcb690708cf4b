/**
 * The original front end's per-image record, folded from the raw events with the same rules the
 * stream processor applies (stream-processor's ImageRules): the admin/debug view shows it live.
 */
import { FIXED_POINT, type CapturedEvent } from "./capture/wire";

export interface TrackPoint {
  x: number;
  y: number;
  time: number;
}

export interface ImageRecord {
  imageID: string;
  hoveredCount: number;
  hoveredRecord: { action: "enter" | "leave"; time: number }[];
  mouseTracking: TrackPoint[];
  selected: boolean;
  selectedCount: number;
  selectedRecord: TrackPoint[];
  estimateTime: number;
  imagePosition: { x: number; y: number };
  imageWidth: number;
  imageHeight: number;
  originalImageWidth: number;
  originalImageHeight: number;
}

interface State {
  record: ImageRecord;
  hovering: boolean;
  trackingSince: number | null;
  lastTrackTime: number | null;
}

/** One point per 1000/60 ms: kept when (t - last) * 60 >= 1000, as on the server. */
const SAMPLES_PER_SECOND = 60;

function newImage(imageID: string): State {
  return {
    record: {
      imageID,
      hoveredCount: 0,
      hoveredRecord: [],
      mouseTracking: [],
      selected: false,
      selectedCount: 0,
      selectedRecord: [],
      estimateTime: 0,
      imagePosition: { x: 0, y: 0 },
      imageWidth: 0,
      imageHeight: 0,
      originalImageWidth: 0,
      originalImageHeight: 0,
    },
    hovering: false,
    trackingSince: null,
    lastTrackTime: null,
  };
}

export class RecordFold {
  private readonly states: State[];

  /** @param selected images already selected when the page is shown again (a reload) */
  constructor(readonly page: number, imageIds: readonly string[], selected: Iterable<number> = []) {
    this.states = imageIds.map(newImage);
    for (const i of selected) {
      const s = this.states[i];
      if (s) s.record.selected = true;
    }
  }

  record(i: number): ImageRecord | undefined {
    return this.states[i]?.record;
  }

  get records(): ImageRecord[] {
    return this.states.map((s) => s.record);
  }

  /** estimateTime including a hover still running at `now`. */
  liveEstimate(i: number, now: number): number {
    const s = this.states[i];
    if (!s) return 0;
    return s.record.estimateTime + (s.trackingSince !== null && now > s.trackingSince ? now - s.trackingSince : 0);
  }

  apply(e: CapturedEvent): void {
    if (e.p !== this.page) return;
    const b = e.b;
    const t = e.t;
    switch (b[0]) {
      case 1: {
        const s = this.states[b[1]];
        if (!s) return;
        s.record.imagePosition = { x: Math.round(b[2]), y: Math.round(b[3]) };
        s.record.imageWidth = Math.round(b[4]);
        s.record.imageHeight = Math.round(b[5]);
        s.record.originalImageWidth = b[6];
        s.record.originalImageHeight = b[7];
        return;
      }
      case 2: {
        const s = this.states[b[1]];
        if (!s || s.record.selected) return;
        if (s.lastTrackTime !== null && (t - s.lastTrackTime) * SAMPLES_PER_SECOND < 1000) return;
        s.record.mouseTracking.push({ x: b[2] / FIXED_POINT, y: b[3] / FIXED_POINT, time: t });
        s.lastTrackTime = t;
        if (s.trackingSince === null) s.trackingSince = t;
        return;
      }
      case 3: {
        const s = this.states[b[1]];
        if (!s) return;
        s.record.hoveredCount++;
        s.record.hoveredRecord.push({ action: "enter", time: t });
        s.hovering = true;
        s.trackingSince = null;
        s.lastTrackTime = null;
        return;
      }
      case 4: {
        const s = this.states[b[1]];
        if (!s) return;
        s.record.hoveredRecord.push({ action: "leave", time: t });
        stopEstimate(s, t);
        s.hovering = false;
        return;
      }
      case 5: {
        const s = this.states[b[1]];
        if (!s) return;
        const selected = b[4] === 1;
        if (selected && !s.record.selected) {
          s.record.selectedCount++;
          s.record.selectedRecord.push({ x: b[2] / FIXED_POINT, y: b[3] / FIXED_POINT, time: t });
          stopEstimate(s, t);
        }
        s.record.selected = selected;
        return;
      }
      case 8:
        for (const s of this.states) stopEstimate(s, t);
        return;
      default:
        return;
    }
  }
}

function stopEstimate(s: State, t: number): void {
  if (s.trackingSince !== null && t > s.trackingSince) s.record.estimateTime += t - s.trackingSince;
  s.trackingSince = null;
}
