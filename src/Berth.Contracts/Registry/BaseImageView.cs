namespace Berth.Contracts;

/// <summary>A repository every tenant may pull and run.</summary>
public sealed record BaseImageView(string Repository, DateTimeOffset CreatedAt);
