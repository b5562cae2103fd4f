using Berth.Scheduling.Placement;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Execution;

/// <summary>Checks <see cref="SchedulingOptions"/> at start, so an unknown strategy fails the start, not the first placement.</summary>
public sealed class SchedulingOptionsValidator : IValidateOptions<SchedulingOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return PlacementStrategies.Find(options.DefaultStrategy) is null
            ? ValidateOptionsResult.Fail($"Scheduling:DefaultStrategy '{options.DefaultStrategy}' is not known: use {string.Join(", ", PlacementStrategies.Names)}.")
            : ValidateOptionsResult.Success;
    }
}
