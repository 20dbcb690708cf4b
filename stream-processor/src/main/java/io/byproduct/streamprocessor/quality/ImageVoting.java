package io.byproduct.streamprocessor.quality;

import io.byproduct.schemas.quality.CandidateJudgement;
import io.byproduct.schemas.quality.ImageFrequency;
import io.byproduct.schemas.quality.ImageJudgement;
import io.byproduct.schemas.quality.ImageVotes;
import io.byproduct.schemas.quality.PageScore;
import io.byproduct.schemas.quality.VersionFrequency;
import io.byproduct.schemas.quality.WorkerVote;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;

/**
 * Selection frequency: each worker's judgements of an (image, class), per interface version. A
 * worker who saw the image on several pages counts once, as selecting it when it did so on more
 * than half of them; at most {@code maxWorkersPerImage} workers per version are kept.
 */
final class ImageVoting {

  private final int maxWorkers;

  ImageVoting(int maxWorkersPerImage) {
    this.maxWorkers = maxWorkersPerImage;
  }

  static String imageKey(String dataset, String classId, String imageId) {
    return dataset + "|" + classId + "|" + imageId;
  }

  /** One judgement per candidate of a scored page, keyed by (dataset, class, image). */
  static List<KeyValue<String, ImageJudgement>> judgements(PageScore score) {
    if (score.getClassId() == null) {
      return List.of();
    }
    List<KeyValue<String, ImageJudgement>> out = new ArrayList<>(score.getCandidates().size());
    for (CandidateJudgement c : score.getCandidates()) {
      out.add(KeyValue.pair(imageKey(score.getHitDatasetName(), score.getClassId(), c.getImageId()),
          new ImageJudgement(score.getWorkerId(), score.getVersion(), c.getSelected(), score.getSign())));
    }
    return out;
  }

  static ImageVotes none() {
    return new ImageVotes(new HashMap<>(), 0L);
  }

  ImageVotes add(ImageJudgement j, ImageVotes votes) {
    Map<String, Map<String, WorkerVote>> versions = new HashMap<>(votes.getVersions());
    Map<String, WorkerVote> workers = new HashMap<>(versions.getOrDefault(j.getVersion(), Map.of()));
    WorkerVote before = workers.get(j.getWorkerId());
    long refused = votes.getWorkersRefused();
    if (before == null && workers.size() >= maxWorkers) {
      return new ImageVotes(versions, refused + j.getSign());
    }
    int shown = (before == null ? 0 : before.getShown()) + j.getSign();
    int selected = (before == null ? 0 : before.getSelected()) + (j.getSelected() ? j.getSign() : 0);
    if (shown <= 0) {
      workers.remove(j.getWorkerId());
    } else {
      workers.put(j.getWorkerId(), new WorkerVote(shown, selected));
    }
    if (workers.isEmpty()) {
      versions.remove(j.getVersion());
    } else {
      versions.put(j.getVersion(), workers);
    }
    return new ImageVotes(versions, refused);
  }

  static ImageFrequency frequency(String key, ImageVotes votes) {
    String[] parts = key.split("\\|", 3);
    List<VersionFrequency> versions = new ArrayList<>();
    int workers = 0;
    int selections = 0;
    for (Map.Entry<String, Map<String, WorkerVote>> v : new TreeMap<>(votes.getVersions()).entrySet()) {
      int n = v.getValue().size();
      int s = (int) v.getValue().values().stream().filter(w -> 2 * w.getSelected() > w.getShown()).count();
      versions.add(new VersionFrequency(v.getKey(), n, s, share(s, n)));
      workers += n;
      selections += s;
    }
    return new ImageFrequency(parts[0], parts.length > 1 ? parts[1] : "", parts.length > 2 ? parts[2] : "",
        workers, selections, share(selections, workers), versions, votes.getWorkersRefused());
  }

  private static double share(int part, int whole) {
    return whole == 0 ? 0.0 : (double) part / whole;
  }
}
