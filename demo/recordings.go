package demo

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/recording"
	"github.com/zhifa/zhifa/registry"
)

// Audio-video records of the demo (issue 13): the recording devices of the
// 市场监督管理局 and the 城市管理执法局, and records of the market
// regulator's first case linked to its steps — a photo of the scene, the
// audio of the inquiry (询问) with one interruption and its reason, and a
// 个人隐私-marked audio record that only its maker, the reviewer and the
// agency head may open. The media are generated here (a PNG picture, WAV
// sound), small and valid, so the workbench's player and viewer play them:
// scj-fazhi (法制审核) opens them while reviewing the case.

type deviceSeed struct {
	agency, number, kind, model, custodian, status string
}

var deviceSeeds = []deviceSeed{
	{"scj", "DSJ-SCJ-0001", registry.DeviceBodyCamera, "DSJ-V9 执法记录仪", "scj-zhifa1", registry.DeviceInUse},
	{"scj", "DSJ-SCJ-0002", registry.DeviceBodyCamera, "DSJ-V9 执法记录仪", "scj-zhifa2", registry.DeviceInUse},
	{"scj", "XJ-SCJ-0001", registry.DeviceStillCamera, "EOS M50 照相机", "scj-zhifa3", registry.DeviceInUse},
	{"scj", "DSJ-SCJ-0003", registry.DeviceBodyCamera, "DSJ-V7 执法记录仪", "", registry.DeviceRepair},
	{"cgj", "DSJ-CGJ-0001", registry.DeviceBodyCamera, "DSJ-V9 执法记录仪", "cgj-zhifa1", registry.DeviceInUse},
}

// loadRecordings registers the devices and the records.
func loadRecordings(ctx context.Context, l *loader) error {
	svc := l.svc
	devices := map[string]int64{}
	for _, d := range deviceSeeds {
		dev := &registry.Device{AgencyID: l.agencies[d.agency], Number: d.number, Kind: d.kind, Model: d.model, Status: d.status}
		if d.custodian != "" {
			dev.CustodianID = l.actors[d.custodian].OfficerID
		}
		if err := svc.Devices.CreateDevice(ctx, zhifa.Console, dev); err != nil {
			return fmt.Errorf("demo device %s: %w", d.number, err)
		}
		devices[d.number] = dev.ID
	}
	officer := l.actors["scj-zhifa1"]
	cases, err := svc.Cases(ctx, officer, penalty.CaseListFilter{})
	if err != nil || len(cases) == 0 {
		return fmt.Errorf("demo recordings: no case of the market regulator: %v", err)
	}
	c := cases[len(cases)-1] // the oldest: furthest along
	detail, err := svc.Case(ctx, officer, c.ID)
	if err != nil {
		return err
	}
	var first, last *zhifa.Step
	for _, st := range detail.Steps {
		if first == nil {
			first = st
		}
		last = st
	}
	if first == nil {
		return fmt.Errorf("demo recordings: case %s has no steps", c.Number)
	}
	at := first.Created.Add(-30 * time.Minute)
	zhifa1, zhifa2 := l.actors["scj-zhifa1"].OfficerID, l.actors["scj-zhifa2"].OfficerID
	records := []struct {
		r    *recording.Record
		name string
		ct   string
		body []byte
	}{
		{&recording.Record{Kind: recording.Photo, DeviceID: devices["XJ-SCJ-0001"], OfficerIDs: []int64{zhifa1, zhifa2}, Start: at, End: at.Add(time.Minute),
			Place: "汉阴县城关镇三元路农贸市场 12 号摊位", GPS: "32.8926,108.5093", CaseID: c.ID, StepID: first.ID}, "现场照片-货架.png", "image/png", demoPNG()},
		{&recording.Record{Kind: recording.Audio, DeviceID: devices["DSJ-SCJ-0001"], OfficerIDs: []int64{zhifa1, zhifa2}, Start: at.Add(5 * time.Minute), End: at.Add(25 * time.Minute),
			Place: "汉阴县市场监督管理局询问室", CaseID: c.ID, StepID: last.ID,
			Interruptions: []recording.Interruption{{From: at.Add(12 * time.Minute), To: at.Add(14 * time.Minute), Reason: "执法记录仪电量耗尽,更换备用电池后继续记录", Technical: true}}},
			"询问录音.wav", "audio/wav", demoWAV(440)},
		{&recording.Record{Kind: recording.Audio, DeviceID: devices["DSJ-SCJ-0002"], OfficerIDs: []int64{zhifa2}, Start: at.Add(40 * time.Minute), End: at.Add(50 * time.Minute),
			Place: "当事人经营场所", CaseID: c.ID, StepID: last.ID, Mark: recording.Privacy}, "当事人陈述(涉个人隐私).wav", "audio/wav", demoWAV(330)},
	}
	for _, rec := range records {
		blobs := svc.Blobs
		if blobs == nil {
			return fmt.Errorf("demo recordings: no file store")
		}
		info, err := blobs.Put(bytes.NewReader(rec.body), 0)
		if err != nil {
			return err
		}
		rec.r.Name, rec.r.ContentType = rec.name, rec.ct
		maker := officer
		if rec.r.OfficerIDs[0] == zhifa2 {
			maker = l.actors["scj-zhifa2"]
		}
		if err := svc.Recordings.Create(ctx, maker, rec.r, recording.Source{Stored: &info}); err != nil {
			return fmt.Errorf("demo recording %s: %w", rec.name, err)
		}
	}
	return nil
}

// demoPNG is a small picture: a shelf of goods in flat colours.
func demoPNG() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 160, 120))
	for y := 0; y < 120; y++ {
		for x := 0; x < 160; x++ {
			c := color.RGBA{230, 230, 220, 255}
			switch {
			case y%40 > 34:
				c = color.RGBA{120, 90, 60, 255} // shelf boards
			case (x/20+y/40)%3 == 0:
				c = color.RGBA{200, 40, 40, 255}
			case (x/20+y/40)%3 == 1:
				c = color.RGBA{40, 120, 200, 255}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}

// demoWAV is two seconds of a tone at hz, 8 kHz 16-bit mono PCM.
func demoWAV(hz float64) []byte {
	const rate, secs = 8000, 2
	n := rate * secs
	var b bytes.Buffer
	w := func(v any) { binary.Write(&b, binary.LittleEndian, v) }
	b.WriteString("RIFF")
	w(uint32(36 + n*2))
	b.WriteString("WAVEfmt ")
	w(uint32(16))
	w(uint16(1))
	w(uint16(1))
	w(uint32(rate))
	w(uint32(rate * 2))
	w(uint16(2))
	w(uint16(16))
	b.WriteString("data")
	w(uint32(n * 2))
	for i := 0; i < n; i++ {
		w(int16(6000 * math.Sin(2*math.Pi*hz*float64(i)/rate)))
	}
	return b.Bytes()
}
