package io.byproduct.hittool.hits;

import java.util.ArrayDeque;
import java.util.Deque;

/** The pages of one class waiting to be placed in HITs. */
final class ClassQueue {
  final String classId;
  final Deque<PagePlan> pages = new ArrayDeque<>();
  /** Breaks ties between classes with as many pages left; set before grouping. */
  int order;

  ClassQueue(String classId) {
    this.classId = classId;
  }
}
