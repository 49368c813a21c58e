import DaiyunCore
import Foundation
import Testing

@Suite("Job schedules")
struct JobScheduleTests {
    /// A Shanghai wall-clock time.
    static func at(_ text: String) -> Date { ShanghaiTime.parse(text)! }

    @Test(
        "the next run of each schedule, after a last run or the first time",
        arguments: [
            // Every 60 s: at once the first time, then 60 s after the last finished.
            (JobSchedule.every(seconds: 60), nil, "2026-12-02 10:00:00", "2026-12-02 10:00:00"),
            (.every(seconds: 60), "2026-12-02 09:59:30", "2026-12-02 10:00:00", "2026-12-02 10:00:30"),
            // Daily at 02:00 Shanghai: the first time, today's 02:00 if it has passed (so it runs today).
            (.daily(hour: 2, minute: 0), nil, "2026-12-02 10:00:00", "2026-12-02 02:00:00"),
            (.daily(hour: 2, minute: 0), nil, "2026-12-02 01:59:00", "2026-12-01 02:00:00"),
            (.daily(hour: 2, minute: 0), "2026-12-02 02:00:05", "2026-12-02 10:00:00", "2026-12-03 02:00:00"),
            // A run that finished late (03:10) is not repeated that day.
            (.daily(hour: 2, minute: 0), "2026-12-02 03:10:00", "2026-12-02 23:00:00", "2026-12-03 02:00:00"),
            // Across a month's end and a year's end.
            (.daily(hour: 23, minute: 30), "2026-12-31 23:30:01", "2026-12-31 23:40:00", "2027-01-01 23:30:00"),
            // Weekly on Monday (2) at 09:00; 2026-12-02 is a Wednesday.
            (.weekly(weekday: 2, hour: 9, minute: 0), nil, "2026-12-02 10:00:00", "2026-11-30 09:00:00"),
            (.weekly(weekday: 2, hour: 9, minute: 0), "2026-11-30 09:00:02", "2026-12-02 10:00:00", "2026-12-07 09:00:00"),
        ] as [(JobSchedule, String?, String, String)])
    func next(_ schedule: JobSchedule, last: String?, now: String, due: String) {
        #expect(schedule.next(lastFinished: last.map(Self.at), now: Self.at(now)) == Self.at(due))
    }
}
