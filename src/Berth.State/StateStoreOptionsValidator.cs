using Microsoft.Extensions.Options;

namespace Berth.State;

/// <summary>Fails start-up with the reason when the <c>State</c> settings are wrong.</summary>
internal sealed class StateStoreOptionsValidator : IValidateOptions<StateStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StateStoreOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
