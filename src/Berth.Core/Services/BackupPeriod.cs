namespace Berth.Core.Services;

/// <summary>How often a scheduled backup runs; the length of each is the installation's setting (hourly, daily, weekly by default).</summary>
public enum BackupPeriod
{
    Hourly,
    Daily,
    Weekly,
}
