namespace Berth.Scheduling.Constraints;

/// <summary>How a <see cref="LabelConstraint"/> compares a host's label.</summary>
public enum ConstraintOperator
{
    /// <summary><c>labels.gpu</c>: the host has the label, whatever its value.</summary>
    Exists,
    /// <summary><c>!labels.gpu</c>: the host does not have the label.</summary>
    Missing,
    /// <summary><c>labels.disk == ssd</c>.</summary>
    Equal,
    /// <summary><c>labels.disk != hdd</c>: a host without the label passes too.</summary>
    NotEqual,
    /// <summary><c>labels.zone in (a, b)</c>.</summary>
    In,
}
