namespace Berth.State.Migrations;

/// <summary>One versioned schema change: an embedded <c>NNNN_name.sql</c> script.</summary>
internal sealed record Migration(int Version, string Name, string Sql);
