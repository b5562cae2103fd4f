namespace Berth.Scheduling.Constraints;

/// <summary>A constraint's text does not follow the grammar; the message says where and what was expected.</summary>
public sealed class ConstraintFormatException(string message) : FormatException(message);
