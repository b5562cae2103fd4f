namespace Berth.State;

/// <summary>The <c>State</c> settings name no usable database; the message says what to change.</summary>
internal sealed class StateSettingsException(string message) : Exception(message);
