namespace Berth.Client.Dtos;

/// <summary>A repository every tenant may pull and run, as <c>GET /v1/base-images</c> lists it.</summary>
internal sealed record BaseImageView(string Repository, DateTimeOffset CreatedAt);
