namespace Berth.ControlPlane.Execution;

/// <summary>The scheduling settings name something Berth does not know (a default strategy); Berth refuses to start.</summary>
public sealed class SchedulingSettingsException(string message) : Exception(message);
