namespace Berth.Bench.Projects;

/// <summary>One timed deploy of the project: until the web answered through all three services, and until the whole deploy ended.</summary>
internal sealed record ProjectMeasurement(string Side, TimeSpan Answered, TimeSpan Done);
