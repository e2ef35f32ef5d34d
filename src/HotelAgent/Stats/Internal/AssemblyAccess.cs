using System.Runtime.CompilerServices;

// The admin endpoint GET /v1/stats (HotelAgent.AspNetCore) reads ConversationStatistics, which stays internal:
// its shape is the staff console's, not a public contract. Both packages ship with the same version.
[assembly: InternalsVisibleTo("HotelAgent.AspNetCore")]
