using Berth.Core.Hosts;

namespace Berth.Scheduling.Constraints;

/// <summary>One parsed rule on a host label, with the text it came from; see <see cref="ConstraintParser"/>.</summary>
public sealed record LabelConstraint(string Text, string Label, ConstraintOperator Operator, IReadOnlyList<string> Values)
{
    /// <summary>Why <paramref name="host"/> breaks the rule, or null when it keeps it.</summary>
    public string? Refuse(Host host)
    {
        var has = host.Labels.TryGetValue(Label, out var value);
        return Operator switch
        {
            ConstraintOperator.Exists => has ? null : $"has no label {Label} ({Text})",
            ConstraintOperator.Missing => has ? $"has label {Label} ({Text})" : null,
            ConstraintOperator.Equal => !has ? $"has no label {Label} ({Text})" : value == Values[0] ? null : $"label {Label} is '{value}' ({Text})",
            ConstraintOperator.NotEqual => has && value == Values[0] ? $"label {Label} is '{value}' ({Text})" : null,
            ConstraintOperator.In => !has ? $"has no label {Label} ({Text})" : Values.Contains(value!) ? null : $"label {Label} is '{value}' ({Text})",
            _ => throw new InvalidOperationException($"unknown operator {Operator}"),
        };
    }
}
