using System.Text.Json;
using Berth.Contracts;
using Berth.Core.Apps;
using Berth.Scheduling.Constraints;
using Berth.Scheduling.Placement;

namespace Berth.ControlPlane.Apis;

/// <summary>Checks the placement fields of a create-app request and turns them into an <see cref="AppPlacement"/>.</summary>
internal static class PlacementValidation
{
    public const int MaxConstraints = 20;

    /// <summary>The placement, with any errors added to <paramref name="errors"/> by field.</summary>
    public static AppPlacement Validate(CreateAppRequest request, Dictionary<string, string[]> errors)
    {
        void Fail(string field, string message) => errors.TryAdd(field, [message]);

        if (request.Strategy is not null && PlacementStrategies.Find(request.Strategy) is null)
        {
            Fail("strategy", $"must be one of {string.Join(", ", PlacementStrategies.Names)}");
        }

        var constraints = request.Constraints ?? [];
        if (constraints.Count > MaxConstraints)
        {
            Fail("constraints", $"at most {MaxConstraints} constraints");
        }
        for (var i = 0; i < constraints.Count; i++)
        {
            try
            {
                ConstraintParser.Parse(constraints[i] ?? "");
            }
            catch (ConstraintFormatException e)
            {
                Fail($"constraints[{i}]", e.Message);
            }
        }

        var with = request.Affinity?.With;
        if (request.Affinity is not null && (!AppId.IsValid(with) || with == request.Id))
        {
            Fail("affinity.with", "must be the id of another app");
        }

        var spread = SpreadMode.None;
        if (request.Spread is not null && request.Spread != "host")
        {
            Fail("spread", "must be \"host\"");
        }
        else if (request.Spread is not null)
        {
            spread = request.SpreadMode switch
            {
                null or "hard" => SpreadMode.Hard,
                "soft" => SpreadMode.Soft,
                _ => SpreadMode.None,
            };
        }
        if (request.SpreadMode is not null && (request.Spread is null || request.SpreadMode is not ("hard" or "soft")))
        {
            Fail("spreadMode", "must be \"hard\" or \"soft\", with \"spread\": \"host\"");
        }

        var global = request.Instances is { ValueKind: JsonValueKind.String } instances && instances.GetString() == "global";
        if (request.Instances is { ValueKind: not JsonValueKind.Null } && !global)
        {
            Fail("instances", "at creation only \"global\" is accepted (one instance per eligible host); deployments set a count");
        }

        return new AppPlacement
        {
            Strategy = request.Strategy,
            Constraints = [.. constraints.Select(c => c.Trim())],
            AffinityWith = with,
            Spread = spread,
            Global = global,
        };
    }
}
