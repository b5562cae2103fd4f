namespace Berth.Core.Security;

/// <summary>A registry repository every tenant may pull (and run), but only the admin may push.</summary>
public sealed record BaseImage(string Repository, DateTimeOffset CreatedAt);
