using System.Diagnostics.CodeAnalysis;

namespace Berth.Client;

/// <summary>Parses host label arguments: <c>KEY=VALUE</c> sets a label, <c>KEY-</c> removes one.</summary>
internal static class HostLabelParser
{
    /// <summary>
    /// Applies the arguments to <paramref name="current"/> in order; false with a message naming the bad argument
    /// when one is neither form.
    /// </summary>
    public static bool TryApply(
        IReadOnlyDictionary<string, string> current, IEnumerable<string> arguments,
        out Dictionary<string, string> labels, [NotNullWhen(false)] out string? error)
    {
        labels = new Dictionary<string, string>(current, StringComparer.Ordinal);
        error = null;
        foreach (string argument in arguments)
        {
            int separator = argument.IndexOf('=');
            if (separator > 0)
            {
                labels[argument[..separator]] = argument[(separator + 1)..];
            }
            else if (argument.Length > 1 && argument.EndsWith('-') && separator < 0)
            {
                labels.Remove(argument[..^1]);
            }
            else
            {
                error = $"a label is KEY=VALUE (to set it) or KEY- (to remove it), got '{argument}'";
                return false;
            }
        }

        return true;
    }
}
