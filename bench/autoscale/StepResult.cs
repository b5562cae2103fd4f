namespace Berth.Bench.Autoscale;

/// <summary>
/// What one load step measured: every answer, when the desired count was reached (set) and when the answers came from
/// that many containers (routed), from the load's start; how long the count took to go back to one after the load
/// ended; and the wall-clock start, to place the decisions' events.
/// </summary>
internal sealed record StepResult(IReadOnlyList<Answer> Answers, TimeSpan? DesiredAt, TimeSpan? RoutedAt, TimeSpan Back, DateTimeOffset StartedAt);
