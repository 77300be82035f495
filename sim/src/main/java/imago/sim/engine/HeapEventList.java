package imago.sim.engine;

import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.eventlist.EventList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;

/**
 * An SSJ event list as an array-backed binary heap ordered by (time, priority, insertion order).
 * Unlike SSJ's tree lists it allocates nothing per scheduled event, which matters at millions of
 * events per second; ties run first-in first-out, so runs are deterministic.
 *
 * <p>{@link #remove(Event)} is a linear scan: the simulator cancels only rare plan events.
 * {@link #addFirst}, {@link #addBefore} and {@link #addAfter} (SSJ's {@code scheduleNext/Before/
 * After}) are not supported: the simulator never uses them.
 */
final class HeapEventList implements EventList {

    private Event[] events = new Event[256];
    private double[] times = new double[256];
    private double[] priorities = new double[256];
    private long[] order = new long[256];
    private int size;
    private long inserted;

    int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public void clear() {
        Arrays.fill(events, 0, size, null);
        size = 0;
    }

    @Override
    public void add(Event ev) {
        if (size == events.length) {
            int n = size * 2;
            events = Arrays.copyOf(events, n);
            times = Arrays.copyOf(times, n);
            priorities = Arrays.copyOf(priorities, n);
            order = Arrays.copyOf(order, n);
        }
        int i = size++;
        double t = ev.time();
        double p = ev.priority();
        long o = inserted++;
        // sift up
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(t, p, o, parent)) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, ev, t, p, o);
    }

    private boolean less(double t, double p, long o, int j) {
        double tj = times[j];
        if (t != tj) {
            return t < tj;
        }
        double pj = priorities[j];
        if (p != pj) {
            return p < pj;
        }
        return o < order[j];
    }

    private void move(int from, int to) {
        events[to] = events[from];
        times[to] = times[from];
        priorities[to] = priorities[from];
        order[to] = order[from];
    }

    private void set(int i, Event ev, double t, double p, long o) {
        events[i] = ev;
        times[i] = t;
        priorities[i] = p;
        order[i] = o;
    }

    @Override
    public Event getFirst() {
        return size == 0 ? null : events[0];
    }

    @Override
    public Event removeFirst() {
        if (size == 0) {
            return null;
        }
        Event first = events[0];
        removeAt(0);
        return first;
    }

    private void removeAt(int i) {
        int last = --size;
        if (i == last) {
            events[last] = null;
            return;
        }
        Event ev = events[last];
        double t = times[last];
        double p = priorities[last];
        long o = order[last];
        events[last] = null;
        // sift down from i, then up (needed when removing from the middle)
        int half = size >>> 1;
        int k = i;
        while (k < half) {
            int c = 2 * k + 1;
            int r = c + 1;
            if (r < size && lessIdx(r, c)) {
                c = r;
            }
            if (!lessThan(c, t, p, o)) {
                break;
            }
            move(c, k);
            k = c;
        }
        while (k > 0) {
            int parent = (k - 1) >>> 1;
            if (!less(t, p, o, parent)) {
                break;
            }
            move(parent, k);
            k = parent;
        }
        set(k, ev, t, p, o);
    }

    private boolean lessIdx(int a, int b) {
        return less(times[a], priorities[a], order[a], b);
    }

    /** entry j < (t, p, o) */
    private boolean lessThan(int j, double t, double p, long o) {
        if (times[j] != t) {
            return times[j] < t;
        }
        if (priorities[j] != p) {
            return priorities[j] < p;
        }
        return order[j] < o;
    }

    @Override
    public boolean remove(Event ev) {
        for (int i = 0; i < size; i++) {
            if (events[i] == ev) {
                removeAt(i);
                return true;
            }
        }
        return false;
    }

    @Override
    public void addFirst(Event ev) {
        throw new UnsupportedOperationException("scheduleNext is not used by the simulator");
    }

    @Override
    public void addBefore(Event ev, Event other) {
        throw new UnsupportedOperationException("scheduleBefore is not used by the simulator");
    }

    @Override
    public void addAfter(Event ev, Event other) {
        throw new UnsupportedOperationException("scheduleAfter is not used by the simulator");
    }

    @Override
    public Event getFirstOfClass(String cl) {
        Event best = null;
        for (Event e : sorted()) {
            if (e.getClass().getName().equals(cl)) {
                return e;
            }
        }
        return best;
    }

    @Override
    public <E extends Event> E getFirstOfClass(Class<E> cl) {
        for (Event e : sorted()) {
            if (e.getClass() == cl) {
                return cl.cast(e);
            }
        }
        return null;
    }

    /** The pending events in execution order (a copy; for inspection only). */
    List<Event> sorted() {
        Integer[] idx = new Integer[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> lessIdx(a, b) ? -1 : lessIdx(b, a) ? 1 : 0);
        List<Event> out = new ArrayList<>(size);
        for (Integer i : idx) {
            out.add(events[i]);
        }
        return out;
    }

    @Override
    public ListIterator<Event> listIterator() {
        return java.util.Collections.unmodifiableList(sorted()).listIterator();
    }

    @Override
    public Iterator<Event> iterator() {
        return listIterator();
    }
}
