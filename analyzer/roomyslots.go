package analyzer

import (
	"go/types"
)

// Reply slots with room across packages (R2): a request type of one
// package, whose every request that package builds and sends carries a
// reply slot made with room, is often answered in another package that
// the request is handed on to (lnd's htlcswitch.ChanClose, built by the
// switch, answered by the peer's channel manager). The RoomySlot fact
// says so of the field, so that the answering package may count the
// slot as room for its one answer.

// RoomySlot is the fact hotblock exports for an exported channel field
// of an exported request type: every value of the type that its package
// sends, on any channel, carries in the field a fresh channel made with
// a constant buffer of one or more, every store of the field in the
// package makes one so, and no store makes room for many (a queue).
type RoomySlot struct{}

// AFact marks RoomySlot as an analysis fact.
func (*RoomySlot) AFact() {}

// String describes the fact, as analysistest's fact expectations see it.
func (*RoomySlot) String() string { return "reply slot with room" }

// exportRoomySlots exports RoomySlot for the exported reply fields of
// the package's exported request types whose every request carries room.
func (c *checker) exportRoomySlots() {
	for _, n := range c.chans.requestTypes {
		if n.Obj().Pkg() != c.pass.Pkg || !n.Obj().Exported() || !c.chans.messages[n] {
			continue // only this package's message types travel on
		}
		st := n.Underlying().(*types.Struct)
		for i := range st.NumFields() {
			f := st.Field(i)
			if f.Exported() && isChan(f.Type()) && c.roomySlot(f) && !c.chans.queues[f] {
				c.pass.ExportObjectFact(f, new(RoomySlot))
			}
		}
	}
}

// roomyElsewhere reports whether field is a reply slot with room of a
// request type of another package (its RoomySlot fact), and this package
// neither builds a request of the type without room in the slot nor
// stores a channel without room there. A request it only passes on (a
// parameter sent to its own loop) keeps the slot its builder gave it.
func (c *checker) roomyElsewhere(t types.Type, field *types.Var) bool {
	n := structNamed(t)
	if n == nil || n.Obj().Pkg() == c.pass.Pkg || c.chans.unroomyStores[field] || !c.pass.ImportObjectFact(field, new(RoomySlot)) {
		return false
	}
	for _, site := range c.chans.requestsOf[n] {
		if c.sentLiteral(site) != nil && !c.carriesRoom(site, field) {
			return false
		}
	}
	return true
}
