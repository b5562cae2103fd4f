namespace Berth.Hosting;

/// <summary>The config file that was asked for is missing or unreadable: said as a sentence, like any other bad setting.</summary>
internal sealed class SettingsFileException(string message) : Exception(message);
