namespace Berth.Bench.Projects;

/// <summary>What Berth is compared with: the same three services started without Berth.</summary>
internal interface IBaseline
{
    Task<ProjectMeasurement> MeasureAsync(int round);
}
